using System.Diagnostics;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Simulator.Texts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>
/// The live terminal dashboard: channels (value, unit, quality, alarm colour), outputs with their
/// loads, zones, welding sessions, MQTT link and journal depth, and the latest events. Redrawn at
/// most every 200 ms of wall time, so a --fast run is not slowed by drawing.
/// </summary>
public sealed class LiveDashboard(string lang) : IRunView
{
    private readonly string _lang = lang;
    private readonly Strings _s = new(lang);
    private readonly Queue<SimEvent> _recent = new();
    private const int RecentEvents = 10;

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

    public IRenderable Render(ScenarioRun run)
    {
        var view = run.View;
        var header = new Markup($"[bold]{Markup.Escape(run.Scenario.Name)}[/]\n[grey]{Markup.Escape(run.Gateway.DescriptionIn(_lang))}[/]   " +
            $"t = [bold]{run.NowMs / 1000.0:0.0} s[/] / {run.DurationMs / 1000.0:0} s" +
            (run.GatewayPowered ? "" : $"   [black on red] {_s.GatewayOff} [/]"));

        var channels = new Table().Border(TableBorder.Rounded).Title(_s.Channels)
            .AddColumn(_s.Channel).AddColumn(new TableColumn(_s.Value).RightAligned()).AddColumn(_s.Unit).AddColumn(_s.Quality).AddColumn(_s.Alarm);
        foreach (var c in view.Channels)
        {
            bool bad = !c.HasReading || QualityRules.IsBad(c.Quality);
            var (status, colour) = Worst(c);
            channels.AddRow(
                new Markup(Markup.Escape(c.Id)),
                new Markup(bad ? "[grey]—[/]" : $"[{colour}]{c.Value:0.000}[/]"),
                new Markup(Markup.Escape(Terms.UnitSymbol(c.Unit))),
                new Markup($"[{(c.Quality == Quality.Good ? "green" : bad ? "magenta" : "yellow")}]{Markup.Escape(Terms.Quality(c.Quality).In(_lang))}[/]"),
                new Markup($"[{colour}]{Markup.Escape(status)}[/]"));
        }

        var outputs = new Table().Border(TableBorder.Rounded).Title(_s.Outputs)
            .AddColumn(_s.Output).AddColumn(_s.State).AddColumn(_s.Load).AddColumn(_s.Reason);
        foreach (var o in view.Outputs)
        {
            run.Plant.TryGetRelay(o.RelayId, out var relay);
            bool load = relay?.LoadPowered ?? false;
            outputs.AddRow(
                new Markup(Markup.Escape(o.Id)),
                new Markup(o.Energised ? $"[green]{_s.On}[/]" : $"[red]{_s.Off}[/]"),
                new Markup(load ? $"[yellow]{_s.Powered}[/]{(relay!.WeldedShut ? $" [black on red] {_s.Welded} [/]" : "")}" : $"[grey]{_s.Unpowered}[/]"),
                new Markup(Markup.Escape(CauseText.Describe(o.Reason).In(_lang))));
        }

        var side = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("k").AddColumn("v");
        side.AddRow(new Markup($"[bold]{_s.Zones}[/]"), new Markup(view.Zones.Count == 0 ? $"[grey]{_s.NotAvailable}[/]"
            : string.Join("\n", view.Zones.Select(z => $"{Markup.Escape(z.Id)}: {Markup.Escape(Terms.ZoneState(z.State).In(_lang))} {Markup.Escape(CauseText.Describe(z.Reason).In(_lang))}{(z.ProofTestOverdue ? $" [yellow]{_s.ProofTestOverdue}[/]" : "")}"))));
        side.AddRow(new Markup($"[bold]{_s.Welding}[/]"), new Markup(view.Welding.Count == 0 ? $"[grey]{_s.NotAvailable}[/]"
            : string.Join("\n", view.Welding.Select(m => $"{Markup.Escape(m.MachineId)}: {Markup.Escape(Terms.WeldingState(m.State).In(_lang))} {Markup.Escape(m.Card)} {m.ArcCurrentAmps:0} A"))));
        bool mqtt = (run.Gateway.Capabilities & GatewayCapabilities.Mqtt) != 0;
        side.AddRow(new Markup($"[bold]{_s.Link}[/]"), new Markup(
            (mqtt ? (view.Link.Connected ? $"[green]{_s.Connected}[/]" : $"[red]{_s.Disconnected}[/]") : $"[grey]{_s.NotAvailable}[/]") +
            $"  {_s.Broker}: " + (run.Plant.BrokerAvailable ? $"[green]{_s.Available}[/]" : $"[red]{_s.Down}[/]")));
        side.AddRow(new Markup($"[bold]{_s.Journal}[/]"), new Markup((run.Gateway.Capabilities & GatewayCapabilities.Journal) != 0
            ? view.Link.JournalDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"[grey]{_s.NotAvailable}[/]"));

        var events = new Table().Border(TableBorder.Rounded).Title(_s.Events).AddColumn(_s.Time).AddColumn(_s.Events);
        foreach (var e in _recent)
        {
            string colour = e.Code.Contains("active") || e.Code.Contains("off") || e.Code.Contains("refused") || e.Code.Contains("fault") || e.Code == "power_cut" ? "red"
                : e.Source == SimEventSource.Timeline ? "cyan" : "white";
            events.AddRow(new Markup($"{e.AtMs / 1000.0:0.0} s"), new Markup($"[{colour}]{Markup.Escape(e.TextIn(_lang))}[/]"));
        }
        return new Rows(header, new Columns(channels, new Rows(outputs, side)), events);
    }

    /// <summary>The channel's most severe level, and its colour (trip red, alarm orange, warning yellow, fault magenta).</summary>
    private (string Status, string Colour) Worst(ChannelView c)
    {
        if (!c.HasReading || QualityRules.IsBad(c.Quality)) return (Terms.LevelStatus("fault").In(_lang), "magenta");
        string best = Terms.LevelStatus("normal").In(_lang);
        string colour = "green";
        int rank = 0;
        foreach (var l in c.Levels)
        {
            if (l.Status is not ("active" or "cleared_awaiting_reset" or "pending")) continue;
            int r = l.Name.StartsWith("trip", StringComparison.Ordinal) ? 3 : l.Name.StartsWith("alarm", StringComparison.Ordinal) ? 2 : 1;
            if (l.Status != "active") r = Math.Min(r, 1);
            if (r <= rank) continue;
            rank = r;
            best = Terms.LevelInState(l.Name, l.Status).In(_lang);
            colour = r == 3 ? "red" : r == 2 ? "darkorange" : "yellow";
        }
        return (best, colour);
    }
}
