namespace Qinshui.Edge.Desktop;

/// <summary>Thrown for a malformed command line or an unusable argument (a missing key file, a short
/// key): qedge prints the message (Chinese when the run is in zh and one is given) and exits 2.</summary>
public sealed class UsageException(string message, string? chinese = null) : Exception(message)
{
    /// <summary>The same message in Chinese, or null where only English exists.</summary>
    public string? Chinese { get; } = chinese;

    public string In(string lang) => lang == "zh" && Chinese != null ? Chinese : Message;
}
