using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>How a run is shown while it runs: the live dashboard or plain log lines (no TTY).</summary>
public interface IRunView
{
    void Start(ScenarioRun run);
    RunResult Run(ScenarioRun run, RealTimePacer? pacer, CancellationToken cancel);
    void End(RunResult result);
}
