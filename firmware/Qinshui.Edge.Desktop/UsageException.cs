namespace Qinshui.Edge.Desktop;

/// <summary>Thrown for a malformed command line or an unusable argument (a missing key file, a short
/// key): the qedge dispatcher prints the message and the usage, exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);
