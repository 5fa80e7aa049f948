using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>No TTY: one plain line per important event and a status line every 10 s of virtual time.</summary>
public sealed class HeadlessLog(TextWriter w, string lang, bool verbose) : IRunView
{
    private readonly Strings _s = new(lang);
    private long _nextStatusMs;

    public void Start(ScenarioRun run)
    {
        w.WriteLine($"{run.Scenario.Name}");
        w.WriteLine($"  {run.Gateway.Description}; {Duration.Format(run.DurationMs)}, step {run.Scenario.StepMs} ms, seed {run.Scenario.Seed}");
        if (verbose) run.OnEvent = e => { if (e.Important) w.WriteLine(Line(e)); };
    }

    public RunResult Run(ScenarioRun run, RealTimePacer? pacer, CancellationToken cancel) =>
        run.RunToEnd(r =>
        {
            if (!verbose || r.NowMs < _nextStatusMs) return;
            _nextStatusMs = r.NowMs + 10_000;
            w.WriteLine(Status(r));
        }, pacer, cancel);

    public void End(RunResult result)
    {
    }

    public static string Line(SimEvent e) => $"[{e.AtMs / 1000.0,9:0.000}s] {e.Source.ToString().ToLowerInvariant(),-8} {e.Code,-22} {e.Text}";

    private string Status(ScenarioRun r)
    {
        var parts = new List<string>();
        foreach (var c in r.View.Channels)
        {
            string v = c.HasReading && !QualityRules.IsBad(c.Quality) ? $"{c.Value:0.###}" : QualityRules.Describe(c.Quality);
            parts.Add($"{c.Id}={v}{Units.Symbol(c.Unit)}");
        }
        foreach (var o in r.View.Outputs) parts.Add($"{o.Id}={(o.Energised ? _s.On : _s.Off)}");
        return $"[{r.NowMs / 1000.0,9:0.000}s] status   {string.Join("  ", parts)}";
    }
}
