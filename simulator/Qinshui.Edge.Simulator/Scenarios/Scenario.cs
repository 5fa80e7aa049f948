using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>A loaded scenario: gateway configuration, plant, timeline and expectations.</summary>
public sealed class Scenario
{
    public required string File { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public int Seed { get; init; } = 1;
    public long DurationMs { get; init; }
    public long StepMs { get; init; } = 100;
    public long StartUtcMs { get; init; } = 1_795_852_800_000;
    public JsonElement Gateway { get; init; }
    public required PlantDefinition Plant { get; init; }
    public List<TimelineAction> Timeline { get; } = new();
    public List<Expectation> Expectations { get; } = new();
}

public sealed class PlantDefinition
{
    public List<GasDefinition> Gases { get; } = new();
    public List<(string Id, Unit Unit, double Initial)> Variables { get; } = new();
    public List<SensorSpec> Sensors { get; } = new();
    public List<(string Id, DustCollectorKind Kind, double DpPa, double HopperTempC, double LevelMm, double FlowM3PerHour)> DustCollectors { get; } = new();
    public List<(string Id, ContactKind Kind, bool Active)> Contacts { get; } = new();
    public List<string> Relays { get; } = new();
    public List<string> CardReaders { get; } = new();
    public List<(string Id, int Baud)> Buses { get; } = new();
    public List<(string Id, string Bus, int Address, string[] Codes, int Model, string EnableRelay)> WeldingMachines { get; } = new();

    public PlantModel Build(VirtualClock clock, int seed)
    {
        var plant = new PlantModel(clock, seed);
        foreach (var g in Gases)
            plant.Add(new WellMixedGas(g.Id, g.Unit, g.VolumeM3, g.VentilationM3PerMin, g.LeakM3PerMin, g.Background, g.LelPercentVolume));
        foreach (var v in Variables) plant.Add(new SetPointVariable(v.Id, v.Unit, v.Initial));
        foreach (var d in DustCollectors) plant.Add(new DustCollector(d.Id, d.Kind, d.DpPa, d.HopperTempC, d.LevelMm, d.FlowM3PerHour));
        foreach (var s in Sensors) plant.AddSensor(s);
        foreach (var c in Contacts) plant.Add(new SimContact(c.Id, c.Kind, c.Active));
        foreach (var r in Relays) plant.AddRelay(r);
        foreach (var r in CardReaders) plant.AddCardReader(r);
        foreach (var b in Buses) plant.AddBus(b.Id, b.Baud);
        foreach (var m in WeldingMachines) plant.Add(new WeldingMachine(m.Id, m.Bus, m.Address, m.Codes, m.Model, m.EnableRelay));
        plant.AttachModbusSlaves();
        return plant;
    }
}

public sealed record GasDefinition(string Id, Unit Unit, double VolumeM3, double VentilationM3PerMin, double LeakM3PerMin, double Background, double LelPercentVolume);

public enum ActionKind
{
    Set,
    Ramp,
    Fault,
    Restore,
    TapCard,
    PushPermit,
    BrokerDown,
    BrokerUp,
    PressReset,
    PowerCut,
    PressEstop,
    ReleaseEstop,
    Command,
    Note,
    /// <summary>A loop calibrator on a 4–20 mA input: the gateway reads Value mA whatever the head measures (NAMUR NE43 bands).</summary>
    LoopMilliamps,
    /// <summary>The local start of a zone's interlock proof test at the gateway (AQ 1029-2019).</summary>
    ProofTest,
    SetClock,
}

/// <summary>One timeline entry. Which fields are used depends on the kind (docs/scenarios.md).</summary>
public sealed class TimelineAction
{
    public required string Path { get; init; }
    public long AtMs { get; init; }
    public ActionKind Kind { get; init; }
    public string Target { get; init; } = "";
    public string Property { get; init; } = "";
    public double Value { get; init; }
    public bool? BoolValue { get; init; }
    public long OverMs { get; init; }
    public string Mode { get; init; } = "";
    public string Card { get; init; } = "";
    public long ForMs { get; init; }
    public JsonElement Payload { get; init; }
    public string Text { get; init; } = "";
    /// <summary>set_clock: how far the gateway's wall clock jumps (ms, negative = back).</summary>
    public long JumpMs { get; init; }

    public static readonly IReadOnlyDictionary<string, ActionKind> Names = new Dictionary<string, ActionKind>(StringComparer.Ordinal)
    {
        ["set"] = ActionKind.Set,
        ["ramp"] = ActionKind.Ramp,
        ["fault"] = ActionKind.Fault,
        ["restore"] = ActionKind.Restore,
        ["tap_card"] = ActionKind.TapCard,
        ["push_permit"] = ActionKind.PushPermit,
        ["broker_down"] = ActionKind.BrokerDown,
        ["broker_up"] = ActionKind.BrokerUp,
        ["press_reset"] = ActionKind.PressReset,
        ["power_cut"] = ActionKind.PowerCut,
        ["press_estop"] = ActionKind.PressEstop,
        ["release_estop"] = ActionKind.ReleaseEstop,
        ["command"] = ActionKind.Command,
        ["note"] = ActionKind.Note,
        ["loop_ma"] = ActionKind.LoopMilliamps,
        ["proof_test"] = ActionKind.ProofTest,
        ["set_clock"] = ActionKind.SetClock,
    };

    public string Describe()
    {
        string name = Names.First(p => p.Value == Kind).Key;
        return Kind switch
        {
            ActionKind.Set => BoolValue is bool b ? $"set {Target} = {(b ? "true" : "false")}" : $"set {Target}{(Property.Length > 0 ? "." + Property : "")} = {Value:0.###}",
            ActionKind.Ramp => $"ramp {Target}{(Property.Length > 0 ? "." + Property : "")} → {Value:0.###} over {Duration.Format(OverMs)}",
            ActionKind.Fault => $"fault {Target}: {Mode}",
            ActionKind.Restore => $"restore {Target}",
            ActionKind.TapCard => $"card {Card} at {Target}",
            ActionKind.PowerCut => $"power cut {Duration.Format(ForMs)}",
            ActionKind.PressReset => $"reset {Target}",
            ActionKind.LoopMilliamps => $"loop {Target} = {Value:0.###} mA",
            ActionKind.ProofTest => $"proof test {Target}",
            ActionKind.Note => Text,
            ActionKind.SetClock => $"gateway clock {(JumpMs != 0 ? (JumpMs < 0 ? "back " : "forward ") + Duration.Format(Math.Abs(JumpMs)) : "")}{(BoolValue is bool tr ? (JumpMs != 0 ? ", " : "") + (tr ? "trusted" : "untrusted") : "")}",
            _ => Target.Length > 0 ? $"{name} {Target}" : name,
        };
    }
}
