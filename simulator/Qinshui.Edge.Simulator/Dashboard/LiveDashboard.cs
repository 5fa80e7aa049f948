using System.Diagnostics;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>
/// The live terminal dashboard, laid out by DashboardScreen to fit 80×24: every gas with its value,
/// unit and how close it is to its limit, the relays with their loads, the zones and why they are
/// off, welding, the MQTT link and journal depth, and the latest events. Redrawn at most every
/// 200 ms of wall time, so a --fast run is not slowed by drawing.
/// </summary>
public sealed class LiveDashboard(string lang, int width = 80, int height = 24) : IRunView
{
    private readonly Queue<SimEvent> _recent = new();
    private const int RecentEvents = 20;

    public void Start(ScenarioRun run)
    {
        run.OnEvent = e =>
        {
            if (!e.Important) return;
            _recent.Enqueue(e);
            while (_recent.Count > RecentEvents) _recent.Dequeue();
        };
    }

    public RunResult Run(ScenarioRun run, RealTimePacer? pacer, CancellationToken cancel)
    {
        RunResult? result = null;
        var redraw = Stopwatch.StartNew();
        AnsiConsole.Live(Render(run)).AutoClear(false).Start(ctx =>
        {
            result = run.RunToEnd(r =>
            {
                if (redraw.ElapsedMilliseconds < 200) return;
                redraw.Restart();
                ctx.UpdateTarget(Render(r));
            }, pacer, cancel);
            ctx.UpdateTarget(Render(run));
        });
        return result!;
    }

    public void End(RunResult result)
    {
    }

    public IRenderable Render(ScenarioRun run) =>
        new Rows(new DashboardScreen(lang, width, height).Lines(State(run)).Select(l => new Markup(l.Markup)).ToArray<IRenderable>());

    /// <summary>The run's state as the dashboard shows it.</summary>
    public DashboardState State(ScenarioRun run)
    {
        var st = new DashboardState
        {
            Title = run.Scenario.Name,
            NowS = run.NowMs / 1000.0,
            DurationS = run.DurationMs / 1000.0,
            GatewayPowered = run.GatewayPowered,
            View = run.View,
            HasMqtt = (run.Gateway.Capabilities & GatewayCapabilities.Mqtt) != 0,
            HasJournal = (run.Gateway.Capabilities & GatewayCapabilities.Journal) != 0,
            BrokerAvailable = run.Plant.BrokerAvailable,
            Events = _recent.ToList(),
        };
        foreach (var o in run.View.Outputs)
        {
            if (run.Plant.TryGetRelay(o.RelayId, out var relay)) st.Loads[o.RelayId] = (relay.LoadPowered, relay.WeldedShut);
        }
        return st;
    }
}
