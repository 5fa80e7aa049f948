namespace Qinshui.Edge.Desktop;

/// <summary>
/// How a tool run ended, as the libraries report it; qedge maps it to its exit code (0, 1, 3).
/// Usage mistakes are not an outcome: they throw <see cref="UsageException"/> (exit 2).
/// </summary>
public enum ToolOutcome
{
    /// <summary>Done, and everything checked passed (exit 0).</summary>
    Ok = 0,

    /// <summary>Done, but something failed or was refused; the reason is printed (exit 1).</summary>
    Failed = 1,

    /// <summary>A scenario run where an expectation could not be evaluated, which is no pass (exit 3).</summary>
    NotEvaluable = 3,
}
