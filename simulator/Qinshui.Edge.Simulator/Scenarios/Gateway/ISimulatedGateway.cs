using System.Text.Json;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// THE SEAM: a gateway under test in the simulator. The host owns the virtual clock and calls
/// Step once per scenario step; between steps the virtual bus delivers bytes on its own schedule.
/// The real gateway (scan orchestrator, Modbus master, zones, journal, MQTT, welding) implements
/// this over the core's composition root, with its ports from <see cref="SimulatedGatewayContext"/>.
/// </summary>
public interface ISimulatedGateway
{
    /// <summary>Which kinds of expectation this gateway can answer.</summary>
    GatewayCapabilities Capabilities { get; }

    /// <summary>Short name for reports ("alarms-only driver", "core gateway").</summary>
    string Description { get; }

    /// <summary>The description in "zh" or "en" (a gateway without Chinese shows its English).</summary>
    string DescriptionIn(string lang) => Description;

    /// <summary>Boot: from configuration and whatever the record store kept. Outputs start de-energised.</summary>
    void PowerOn(long nowMs);

    /// <summary>A power cut: RAM state is lost; the host also drops every relay coil.</summary>
    void PowerOff(long nowMs);

    /// <summary>Runs whatever is due at nowMs (scans, polls, pumps). Called only while powered.</summary>
    void Step(long nowMs);

    /// <summary>The local reset button (target: a channel, a zone, or "all").</summary>
    void PressReset(string target, long nowMs);

    /// <summary>A hot-work permit pushed by the platform (raw JSON). False when the gateway has no welding.</summary>
    bool PushPermit(JsonElement permit, long nowMs);

    /// <summary>
    /// The local start of a zone's interlock proof test (AQ 1029-2019), as a technician at the
    /// gateway would. False when the gateway has no proof test.
    /// </summary>
    bool StartProofTest(string zone, long nowMs) => false;

    /// <summary>A platform command (raw JSON, with its id). False when the gateway takes no commands.</summary>
    bool SubmitCommand(JsonElement command, long nowMs);

    /// <summary>The reply the gateway sent to command id, if any: accepted or refused with a reason code.</summary>
    bool TryGetReply(string commandId, out bool accepted, out string reasonCode);

    /// <summary>Health checks only the journal can answer ("no_reading_lost", "event_chain_intact", …).</summary>
    bool TryCheck(string check, out bool passed, out string detail);

    /// <summary>Fills the view with the gateway's present state.</summary>
    void Describe(GatewayView view);

    /// <summary>
    /// The timeline's set_clock: moves the gateway's own wall clock by jumpMs (negative = back)
    /// and/or sets whether its port calls it trusted. False when the gateway has no wall clock of its own.
    /// </summary>
    bool SetWallClock(long jumpMs, bool? trusted, long nowMs) => false;

    /// <summary>How often the gateway scans, in virtual ms; 0 = once per scenario step.</summary>
    long ScanIntervalMs => 0;
}

/// <summary>What the simulator gives a gateway: its configuration section, time, the plant's ports, an event sink.</summary>
public sealed class SimulatedGatewayContext
{
    public required VirtualClock Clock { get; init; }
    public required PlantModel Plant { get; init; }
    public required ISimEventSink Events { get; init; }

    /// <summary>The scenario's "gateway" section, verbatim; the gateway validates it (errors with paths).</summary>
    public required JsonElement Config { get; init; }

    /// <summary>JSON path of the section in the scenario file, to prefix validation errors.</summary>
    public string ConfigPath { get; init; } = "gateway";

    /// <summary>The scenario file (configuration paths are relative to it).</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>--broker URL, or null for the embedded broker (the MQTT helper's seam).</summary>
    public string? BrokerUrl { get; init; }

    public IClock ClockPort => Clock;
    public IAnalogInput AnalogInput(string sensorId) => Plant.Sensor(sensorId);
    public IDigitalInput DigitalInput(string contactId) => Plant.Contact(contactId);
    public IDigitalInput RelayFeedback(string relayId) => Plant.Relay(relayId).Feedback;
    public IDigitalOutput DigitalOutput(string relayId) => Plant.Relay(relayId);
    public ISerialLine SerialLine(string busId) => Plant.TryGetBus(busId, out var b) ? b.OpenMaster() : throw new KeyNotFoundException(busId);
    public CardReader CardReader(string readerId) => Plant.TryGetCardReader(readerId, out var r) ? r : throw new KeyNotFoundException(readerId);
}

/// <summary>Creates a gateway for a scenario, or lists what is wrong with its configuration.</summary>
public interface ISimulatedGatewayFactory
{
    string Name { get; }
    ISimulatedGateway? Create(SimulatedGatewayContext context, ScenarioErrors errors);
}
