using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// A chip-coded welding machine (电焊机"加芯赋码"): a Modbus slave with its identity code, model
/// and arc current (register map: hardware/devices/welding-machine-chip.json), powered through
/// the gateway's enable relay. The welder's demand ({id}.arcDemandA) becomes arc current only
/// while the relay's contact is closed, unless the machine is tampered with ({id}.tamper ≥ 0.5:
/// a bypassed lock draws current while locked). {id}.codeIndex picks which of the configured
/// identity codes the chip reports (a swapped or re-coded chip).
/// </summary>
public sealed class WeldingMachine
{
    public const int IdentityAddress = 256;
    public const int IdentityRegisters = 8;
    public const int ModelAddress = 264;
    public const int StateAddress = 265;
    public const int ArcCurrentAddress = 266;

    public WeldingMachine(string id, string bus, int address, string[] codes, int model, string enableRelay)
    {
        Id = id;
        Bus = bus;
        Address = address;
        Codes = codes;
        Model = model;
        EnableRelay = enableRelay;
        ArcDemand = new SetPointVariable(id + ".arcDemandA", Unit.Amps, 0);
        Tamper = new SetPointVariable(id + ".tamper", Unit.None, 0);
        CodeIndex = new SetPointVariable(id + ".codeIndex", Unit.None, 0);
    }

    public string Id { get; }
    public string Bus { get; }
    public int Address { get; }
    public string[] Codes { get; }
    public int Model { get; }
    public string EnableRelay { get; }
    public PlantVariable ArcDemand { get; }
    public PlantVariable Tamper { get; }
    public PlantVariable CodeIndex { get; }
    public IEnumerable<PlantVariable> Variables => new[] { ArcDemand, Tamper, CodeIndex };

    public string Code => Codes[Math.Clamp((int)Math.Round(CodeIndex.Value), 0, Codes.Length - 1)];

    /// <summary>Arc current now, given whether the enable relay's contact is closed.</summary>
    public double ArcCurrentAmps(bool enabled) => enabled || Tamper.Value >= 0.5 ? Math.Max(0, ArcDemand.Value) : 0;

    /// <summary>The device profile the gateway's configuration uses for this machine (same map as hardware/devices).</summary>
    public const string ProfileJson = """
        { "id": "welding-machine-chip", "source": "hardware/devices/welding-machine-chip.json (typical 加芯赋码 controller map)", "points": [
          { "id": "identity_code", "function": 3, "address": 256, "type": "ascii", "length": 8 },
          { "id": "model", "function": 3, "address": 264, "type": "u16" },
          { "id": "state", "function": 3, "address": 265, "type": "u16" },
          { "id": "arc_current", "function": 3, "address": 266, "type": "u16", "scale": 0.1, "unit": "A" } ] }
        """;

    /// <summary>Writes identity, model, state and arc current into the slave's holding registers.</summary>
    public void Update(ModbusSlaveDevice device, bool enabled)
    {
        string padded = Code.PadRight(IdentityRegisters * 2, '\0');
        for (int i = 0; i < IdentityRegisters; i++)
            device.HoldingRegisters[IdentityAddress + i] = (ushort)((padded[2 * i] << 8) | padded[2 * i + 1]);
        device.HoldingRegisters[ModelAddress] = (ushort)Model;
        double amps = ArcCurrentAmps(enabled);
        device.HoldingRegisters[StateAddress] = (ushort)(!enabled && amps <= 0 ? 4 : amps > 0 ? 2 : 1);
        device.HoldingRegisters[ArcCurrentAddress] = (ushort)Math.Clamp(Math.Round(amps * 10), 0, 65535);
    }
}
