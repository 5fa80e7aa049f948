namespace Qinshui.Edge.Simulator.Monitor;

/// <summary>What <c>qedge monitor</c> was asked: the broker, the topic filter, how long, and how to print.</summary>
public sealed class MonitorOptions
{
    /// <summary>mqtt://host:port</summary>
    public required Uri Broker { get; init; }
    public string TopicFilter { get; init; } = "qinshui/v1/#";

    /// <summary>For mqtts://: the site CA that checks the broker and, for mutual TLS, a viewer's or operator's certificate (qedge provision operator).</summary>
    public Qinshui.Edge.Desktop.Mqtt.BrokerCredentials? Tls { get; init; }
    /// <summary>Stop after this long and exit 1 if anything was flagged (CI); null: until Ctrl+C.</summary>
    public long? DurationMs { get; init; }
    /// <summary>Print only problems (gaps, duplicates, malformed) and the summary.</summary>
    public bool Quiet { get; init; }
    /// <summary>Print the JSON as it arrived instead of decoding it.</summary>
    public bool Raw { get; init; }
    /// <summary>"en" or "zh".</summary>
    public string Language { get; init; } = "en";
}
