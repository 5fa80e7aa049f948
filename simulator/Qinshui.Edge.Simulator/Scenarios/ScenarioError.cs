namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>One problem in a scenario file: where (file and JSON path) and why.</summary>
public sealed record ScenarioError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

/// <summary>A scenario could not be loaded; every error found is listed, not only the first.</summary>
public sealed class ScenarioLoadException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
