namespace Qinshui.Edge.Cli;

public interface ICommand
{
    string Name { get; }
    string Usage { get; }
    string Summary { get; }
    int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr);
}
