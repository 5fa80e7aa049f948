namespace Qinshui.Edge.Simulator.Cli;

public interface ICommand
{
    string Name { get; }
    string Usage { get; }
    string Summary { get; }
    int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr);
}

/// <summary>Thrown for a malformed command line: the dispatcher prints the message and the usage, exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);
