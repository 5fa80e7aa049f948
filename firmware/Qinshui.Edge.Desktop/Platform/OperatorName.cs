using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// A person or tool that talks to the site's gateways through the broker: an operator (reads the
/// site, sends commands: config push, commission, proof tests) or a viewer (reads only: monitor,
/// web view, MT/T 1201 bridge). Its certificate CN is "operator:NAME" or "viewer:NAME": the ':' is
/// not allowed in a gateway id, so no gateway certificate can ever carry an operator's identity
/// into the broker's ACL.
/// </summary>
public sealed record OperatorName
{
    public const string OperatorPrefix = "operator:";
    public const string ViewerPrefix = "viewer:";

    public OperatorName(string name, bool mayCommand)
    {
        if (!MqttTopics.IsValidId(name)) throw new UsageException($"operator name '{name}' is not valid (1–32 of a–z, A–Z, 0–9, '-', '_')");
        Name = name;
        MayCommand = mayCommand;
    }

    public string Name { get; }
    public bool MayCommand { get; }
    public string CommonName => (MayCommand ? OperatorPrefix : ViewerPrefix) + Name;
}
