using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>No TTY: one plain line per important event and a status line every 10 s of virtual time.</summary>
public sealed class HeadlessLog(TextWriter w, string lang, bool verbose) : IRunView
{
    private readonly Strings _s = new(lang);
    private long _nextStatusMs;

    public void Start(ScenarioRun run)
    {
        w.WriteLine($"{run.Scenario.Name}");
        w.WriteLine($"  {run.Gateway.DescriptionIn(lang)}; {Duration.Format(run.DurationMs)}, {_s.Step} {run.Scenario.StepMs} ms, {_s.Seed} {run.Scenario.Seed}");
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

    private string Line(SimEvent e) => Line(e, lang);

    /// <summary>One event: English keeps the stable code column (logs are grepped by it); Chinese shows the sentence only.</summary>
    public static string Line(SimEvent e, string lang = "en") => lang == "zh"
        ? $"[{e.AtMs / 1000.0,9:0.000}s] {Terms.Source(e.Source).Zh,-4} {e.TextIn(lang)}"
        : $"[{e.AtMs / 1000.0,9:0.000}s] {e.Source.ToString().ToLowerInvariant(),-8} {e.Code,-22} {e.Text}";

    private string Status(ScenarioRun r)
    {
        var parts = new List<string>();
        foreach (var c in r.View.Channels)
        {
            string v = c.HasReading && !QualityRules.IsBad(c.Quality) ? $"{c.Value:0.###}" : Terms.Quality(c.Quality).In(lang);
            parts.Add($"{c.Id}={v}{Terms.UnitSymbol(c.Unit)}");
        }
        foreach (var o in r.View.Outputs) parts.Add($"{o.Id}={(o.Energised ? _s.On : _s.Off)}");
        return $"[{r.NowMs / 1000.0,9:0.000}s] {_s.Status,-8} {string.Join("  ", parts)}";
    }
}
