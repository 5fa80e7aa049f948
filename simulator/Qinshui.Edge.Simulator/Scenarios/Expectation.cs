using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Scenarios;

public enum ExpectationKind
{
    /// <summary>After every rising edge of When, Then holds within WithinMs.</summary>
    Within,
    /// <summary>Condition holds at some step before ByMs.</summary>
    Eventually,
    /// <summary>Condition never holds between FromMs and UntilMs.</summary>
    Never,
    /// <summary>Condition holds at every step between FromMs and UntilMs.</summary>
    Always,
    /// <summary>A check only the gateway's journal/MQTT can answer (no_reading_lost, event_chain_intact, …).</summary>
    Check,
    /// <summary>The reply to a platform command: accepted, or refused with a reason code.</summary>
    Reply,
    /// <summary>
    /// How often something happened between FromMs and UntilMs, at most AtMost times: events of a
    /// code (each one), messages of a kind the platform received (MessageKind), or the rising
    /// edges of any other condition (transitions).
    /// </summary>
    Count,
}

public sealed class Expectation
{
    public required string Id { get; init; }
    public required string Path { get; init; }
    public string Description { get; init; } = "";
    public ExpectationKind Kind { get; init; }
    public Condition? When { get; init; }
    public Condition? Then { get; init; }
    public Condition? Condition { get; init; }
    public long WithinMs { get; init; }
    public long? ByMs { get; init; }
    public long FromMs { get; init; }
    public long? UntilMs { get; init; }
    public string Check { get; init; } = "";
    public string CommandId { get; init; } = "";
    public bool ReplyAccepted { get; init; }
    public string ReplyReason { get; init; } = "";
    public int AtMost { get; init; }
    /// <summary>Count: the kind of platform message counted ("alarm", "event", …); empty when Condition is counted.</summary>
    public string MessageKind { get; init; } = "";

    public static readonly IReadOnlyDictionary<string, GatewayCapabilities> Checks = new Dictionary<string, GatewayCapabilities>(StringComparer.Ordinal)
    {
        ["no_reading_lost"] = GatewayCapabilities.Journal | GatewayCapabilities.Mqtt,
        ["event_chain_intact"] = GatewayCapabilities.Journal,
        ["journal_replayed"] = GatewayCapabilities.Journal | GatewayCapabilities.Mqtt,
        ["no_duplicates"] = GatewayCapabilities.Mqtt,
    };

    public GatewayCapabilities Requires => Kind switch
    {
        ExpectationKind.Within => When!.Requires | Then!.Requires,
        ExpectationKind.Check => Checks[Check],
        ExpectationKind.Reply => GatewayCapabilities.Commands,
        ExpectationKind.Count when MessageKind.Length > 0 => GatewayCapabilities.Mqtt,
        _ => Condition!.Requires,
    };

    private string Window => (FromMs > 0 ? " from " + Duration.Format(FromMs) : "") + (UntilMs is long u ? " until " + Duration.Format(u) : "");

    public string Describe()
    {
        if (Description.Length > 0) return Description;
        return Kind switch
        {
            ExpectationKind.Within => $"{Then!.Describe()} within {Duration.Format(WithinMs)} after {When!.Describe()}",
            ExpectationKind.Eventually => $"eventually {Condition!.Describe()}{(ByMs is long b ? " by " + Duration.Format(b) : "")}",
            ExpectationKind.Never => $"never {Condition!.Describe()}",
            ExpectationKind.Always => $"always {Condition!.Describe()}",
            ExpectationKind.Check => Check,
            ExpectationKind.Count => $"at most {AtMost} × {(MessageKind.Length > 0 ? MessageKind + " message" : Condition!.Describe())}{Window}",
            ExpectationKind.Reply => $"reply to {CommandId}: {(ReplyAccepted ? "accepted" : "refused " + ReplyReason)}",
            _ => Id,
        };
    }
}
