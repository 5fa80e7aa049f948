using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Scenarios;

public enum ConditionKind
{
    Reading,
    PlantValue,
    SensorValue,
    Level,
    Quality,
    Output,
    Load,
    Contact,
    Zone,
    Welding,
    Mqtt,
    Event,
    At,
    All,
    Any,
    Not,
}

public enum Comparison
{
    None,
    Gte,
    Gt,
    Lte,
    Lt,
}

/// <summary>
/// A condition on the run's state at one step: a reading, a true plant value, a level's status,
/// an output, a zone, an event, a time. Pure: evaluated against <see cref="RunState"/>.
/// </summary>
public sealed class Condition
{
    public ConditionKind Kind { get; init; }
    public string Subject { get; init; } = "";
    public string Detail { get; init; } = "";
    public string Is { get; init; } = "";
    public Comparison Op { get; init; }
    public double Value { get; init; }
    public long AtMs { get; init; }
    public List<Condition> Children { get; } = new();

    /// <summary>What the gateway must be able to do for this condition to be judged.</summary>
    public GatewayCapabilities Requires => Kind switch
    {
        ConditionKind.Reading or ConditionKind.Level or ConditionKind.Quality => GatewayCapabilities.Alarms,
        ConditionKind.Output or ConditionKind.Load => GatewayCapabilities.Outputs,
        ConditionKind.Zone => GatewayCapabilities.Zones,
        ConditionKind.Welding => GatewayCapabilities.Welding,
        ConditionKind.Mqtt => GatewayCapabilities.Mqtt,
        ConditionKind.All or ConditionKind.Any or ConditionKind.Not => Children.Aggregate(GatewayCapabilities.None, (a, c) => a | c.Requires),
        _ => GatewayCapabilities.None,
    };

    public bool Evaluate(RunState s)
    {
        switch (Kind)
        {
            case ConditionKind.Reading:
            {
                var ch = s.Gateway.Channel(Subject);
                return ch != null && s.Gateway.PoweredOn && ch.HasReading && !QualityRules.IsBad(ch.Quality) && Compare(ch.Value);
            }
            case ConditionKind.PlantValue:
                return s.Plant.TryGetVariable(Subject, out var v) && Compare(v.Value);
            case ConditionKind.SensorValue:
                return s.Plant.TryGetSensor(Subject, out var sensor) && Compare(sensor.IndicatedValue);
            case ConditionKind.Level:
            {
                var ch = s.Gateway.Channel(Subject);
                var lv = ch?.Levels.Find(l => l.Name == Detail);
                if (lv == null || !s.Gateway.PoweredOn) return false;
                return Is == "tripping" ? lv.Tripping : lv.Status == Is;
            }
            case ConditionKind.Quality:
            {
                var ch = s.Gateway.Channel(Subject);
                if (ch == null || !s.Gateway.PoweredOn) return false;
                return Is switch
                {
                    "good" => ch.Quality == Quality.Good,
                    "bad" => QualityRules.IsBad(ch.Quality),
                    _ => QualityRules.Describe(ch.Quality).Split('|').Contains(Is),
                };
            }
            case ConditionKind.Output:
            {
                if (!s.Plant.TryGetRelay(Subject, out var r)) return false;
                return Is == "on" ? r.Energised && !r.SupplyLost : !(r.Energised && !r.SupplyLost);
            }
            case ConditionKind.Load:
                return s.Plant.TryGetRelay(Subject, out var relay) && (Is == "powered") == relay.LoadPowered;
            case ConditionKind.Contact:
                return s.Plant.TryGetContact(Subject, out var contact) && contact.Active == (Is == "active");
            case ConditionKind.Zone:
                return s.Gateway.Zone(Subject)?.State == Is;
            case ConditionKind.Welding:
                return s.Gateway.Machine(Subject)?.State == Is;
            case ConditionKind.Mqtt:
                return s.Gateway.Link.Connected == (Is == "connected");
            case ConditionKind.Event:
                return s.StepEvents.Any(e => e.Code == Is && (Subject.Length == 0 || e.Subject == Subject));
            case ConditionKind.At:
                return s.NowMs >= AtMs;
            case ConditionKind.All:
                return Children.All(c => c.Evaluate(s));
            case ConditionKind.Any:
                return Children.Any(c => c.Evaluate(s));
            case ConditionKind.Not:
                return !Children[0].Evaluate(s);
        }
        return false;
    }

    private bool Compare(double x) => Op switch
    {
        Comparison.Gte => x >= Value,
        Comparison.Gt => x > Value,
        Comparison.Lte => x <= Value,
        Comparison.Lt => x < Value,
        _ => false,
    };

    public string Describe() => Kind switch
    {
        ConditionKind.Reading => $"{Subject} {OpText} {Value:0.###}",
        ConditionKind.PlantValue => $"plant {Subject} {OpText} {Value:0.###}",
        ConditionKind.SensorValue => $"sensor {Subject} {OpText} {Value:0.###}",
        ConditionKind.Level => $"{Subject}.{Detail} {Is}",
        ConditionKind.Quality => $"{Subject} quality {Is}",
        ConditionKind.Output => $"output {Subject} {Is}",
        ConditionKind.Load => $"load {Subject} {Is}",
        ConditionKind.Contact => $"contact {Subject} {Is}",
        ConditionKind.Zone => $"zone {Subject} {Is}",
        ConditionKind.Welding => $"welder {Subject} {Is}",
        ConditionKind.Mqtt => $"mqtt {Is}",
        ConditionKind.Event => $"event {Is}{(Subject.Length > 0 ? " " + Subject : "")}",
        ConditionKind.At => $"t ≥ {Duration.Format(AtMs)}",
        ConditionKind.All => string.Join(" and ", Children.Select(c => c.Describe())),
        ConditionKind.Any => string.Join(" or ", Children.Select(c => c.Describe())),
        ConditionKind.Not => $"not ({Children[0].Describe()})",
        _ => "?",
    };

    private string OpText => Op switch { Comparison.Gte => "≥", Comparison.Gt => ">", Comparison.Lte => "≤", Comparison.Lt => "<", _ => "?" };
}

/// <summary>The state expectations look at after a step.</summary>
public sealed class RunState
{
    public required PlantModel Plant { get; init; }
    public required GatewayView Gateway { get; init; }
    public long NowMs { get; set; }
    /// <summary>Events emitted during the last step.</summary>
    public List<SimEvent> StepEvents { get; } = new();
}
