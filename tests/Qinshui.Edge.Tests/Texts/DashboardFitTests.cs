using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Dashboard;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Tests.Simulator;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qinshui.Edge.Tests.Texts;

/// <summary>The dashboard fits an 80×24 terminal with every gas value and every relay on screen, and shows how close each gas is to its limit.</summary>
public sealed class DashboardFitTests
{
    /// <summary>Terminal columns, written here independently of the code under test: CJK ideographs, CJK punctuation and full-width forms take two.</summary>
    private static int Columns(string line) => line.Sum(c => (c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3000' && c <= '\u303f') || (c >= '\uff00' && c <= '\uff60') ? 2 : 1);

    private static List<string> Screen(IRenderable r)
    {
        // Rendered wider than the screen so Spectre never wraps: any line over 80 columns stays visible to the assertion.
        string text = DashboardText.Render(r, width: 300, height: 100);
        return text.TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToList();
    }

    [Theory]
    [InlineData("zh", 12, 8)]
    [InlineData("en", 12, 8)]
    [InlineData("zh", 24, 12)]
    [InlineData("en", 6, 3)]
    public void LargePlant_FitsEightyByTwentyFour_WithEveryGasAndRelayVisible(string lang, int channels, int outputs)
    {
        var state = LargePlant(channels, outputs);
        var lines = Screen(new Rows(new DashboardScreen(lang).Lines(state).Select(l => new Markup(l.Markup)).ToArray<IRenderable>()));
        Assert.True(lines.Count <= 24, $"{lines.Count} lines:\n{string.Join("\n", lines)}");
        foreach (var l in lines) Assert.True(Columns(l) <= 80, $"{Columns(l)} columns: {l}");
        string screen = string.Join("\n", lines);
        foreach (var c in state.View.Channels)
        {
            Assert.Contains(c.Id, screen);
            if (c.HasReading) Assert.Contains(c.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), screen);
        }
        foreach (var o in state.View.Outputs) Assert.Contains(o.Id, screen);
        // How close each gas is to its limit: ch-00 reads 0.5 against an alarm at 1.0.
        string ch00 = lines.Single(l => l.Contains("ch-00"));
        Assert.Contains(" 50%", ch00);
        Assert.Matches(@"\[#{4,5}\.{4,5}\]", ch00);
    }

    [Fact]
    public void GasAtItsAlarmLevel_ShowsOneHundredPercent_AndLowOxygenCountsTowardsItsLowLimit()
    {
        var alarm = new LevelView { Name = "alarm", Threshold = 1.0, High = true };
        Assert.Equal(100, DashboardScreen.Closeness(1.0, alarm), 6);
        Assert.Equal(75, DashboardScreen.Closeness(0.75, alarm), 6);
        var o2 = new LevelView { Name = "alarm", Threshold = 19.5, High = false };
        Assert.Equal(100, DashboardScreen.Closeness(19.5, o2), 6);
        Assert.True(DashboardScreen.Closeness(20.9, o2) < 100);
    }

    [Fact]
    public void DemoSite_InChinese_RendersWithinEightyByTwentyFour()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(ScenarioFileTests.ScenarioDirectory, "demo-site.json"));
        var run = new ScenarioRun(scenario, new RealGatewayFactory(), durationOverrideMs: 60_000);
        var dash = new LiveDashboard("zh");
        dash.Start(run);
        run.RunToEnd();
        var lines = Screen(dash.Render(run));
        Assert.True(lines.Count <= 24, string.Join("\n", lines));
        foreach (var l in lines) Assert.True(Columns(l) <= 80, $"{Columns(l)} columns: {l}");
        foreach (var c in run.View.Channels) Assert.Contains(c.Id, string.Join("\n", lines));
        Assert.Contains("%", string.Join("\n", lines));
    }

    private static DashboardState LargePlant(int channels, int outputs)
    {
        var view = new GatewayView { PoweredOn = true };
        for (int i = 0; i < channels; i++)
        {
            var c = new ChannelView { Id = $"ch-{i:00}", Unit = i % 3 == 0 ? Unit.PercentVolume : i % 3 == 1 ? Unit.Ppm : Unit.PercentLel, HasReading = i != 3, Quality = i == 3 ? Quality.CommunicationFault : Quality.Good };
            c.Value = i == 0 ? 0.5 : 0.1 * i;
            c.Levels.Add(new LevelView { Name = "alarm", Threshold = 1.0, Status = i == 5 ? "active" : "normal" });
            c.Levels.Add(new LevelView { Name = "trip", Threshold = 1.5, Status = i == 7 ? "cleared_awaiting_reset" : "normal" });
            view.Channels.Add(c);
        }
        for (int i = 0; i < outputs; i++) view.Outputs.Add(new OutputView { Id = $"relay-{i:00}", RelayId = $"r{i}", Energised = i % 2 == 0, Reason = i % 2 == 0 ? "" : "channel_above_limit:ch-05" });
        for (int i = 0; i < 4; i++) view.Zones.Add(new ZoneView { Id = $"zone-{i}", State = i == 0 ? "permitted" : "tripped", Reason = i == 0 ? "" : "latched:channel_trip_latched", ProofTestOverdue = i == 2 });
        view.Welding.Add(new WeldingView { MachineId = "wm-1", State = "unlocked", Card = "card-7", ArcCurrentAmps = 180 });
        view.Welding.Add(new WeldingView { MachineId = "wm-2", State = "locked" });
        var events = Enumerable.Range(0, 20).Select(i => new SimEvent(i * 1000, SimEventSource.Gateway, "zone_tripped", "zone-1",
            new Qinshui.Edge.Simulator.Texts.LocalText($"zone zone-1 tripped (a very long English cause that would never fit into one line of the terminal {i})",
                $"区域 zone-1 断电闭锁（读数达到或超过区域许可限值，这是一条很长的中文事件说明，终端一行放不下 {i}）"), true)).ToList();
        var st = new DashboardState
        {
            Title = "大型示例现场：综采工作面、掘进工作面、电焊区与除尘器 — a long title that must be cut",
            NowS = 123.4,
            DurationS = 600,
            View = view,
            Events = events,
        };
        for (int i = 0; i < outputs; i++) st.Loads[$"r{i}"] = (i % 2 == 0, i == 1);
        return st;
    }
}
