using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qinshui.Edge.Simulator.Dashboard;
using Qinshui.Edge.Simulator.Report;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Tests.Simulator;

namespace Qinshui.Edge.Tests.Texts;

/// <summary>
/// `--lang zh` shows no English: every shipped scenario runs through the headless log, the live
/// dashboard, the report's text and the run summary in Chinese, and every line a person reads is
/// searched for English words (EnglishWordFinder).
/// </summary>
public sealed partial class ChineseOutputTests
{
    [Theory]
    [MemberData(nameof(ScenarioFileTests.Files), MemberType = typeof(ScenarioFileTests))]
    public void ShippedScenario_InChinese_ShowsNoEnglishWord(string file)
    {
        string path = Path.Combine(ScenarioFileTests.ScenarioDirectory, file);
        var scenario = ScenarioLoader.LoadFile(path);
        var run = new ScenarioRun(scenario, new RealGatewayFactory());
        var log = new StringWriter();
        var view = new HeadlessLog(log, "zh", verbose: true);
        var dashboard = new LiveDashboard("zh", width: 400, height: 200);
        var screens = new List<string>();
        view.Start(run);
        var onEvent = run.OnEvent;
        dashboard.Start(run);
        var dashEvent = run.OnEvent;
        int important = 0;
        run.OnEvent = e =>
        {
            onEvent?.Invoke(e);
            dashEvent?.Invoke(e);
            // The dashboard as it stands at every third important event (trips, resets, faults), wide enough that no author text wraps.
            if (e.Important && important++ % 3 == 0) screens.Add(DashboardText.Render(dashboard.Render(run), width: 400, height: 200));
        };
        var result = view.Run(run, null, CancellationToken.None);
        screens.Add(DashboardText.Render(dashboard.Render(run), width: 400, height: 200));
        var summary = new StringWriter();
        RunSummary.Write([result], summary, "zh");
        string html = HtmlReport.Render(result, "zh");

        var finder = Finder(path, run);
        var problems = new List<string>();
        void Check(string where, string text)
        {
            foreach (var line in text.Split('\n'))
            {
                var words = finder.Find(line);
                if (words.Count > 0) problems.Add($"{where}: [{string.Join(", ", words)}] in \"{line.Trim()}\"");
            }
        }
        Check("log", log.ToString());
        foreach (var s in screens) Check("dashboard", s);
        Check("summary", summary.ToString().Replace(scenario.File, ""));
        Check("report", ReportText(html).Replace(scenario.File, ""));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public void Finder_FlagsAnEnglishWord_ButNotIdsUnitsOrAuthorText()
    {
        var f = new EnglishWordFinder();
        f.AddId("ch4-face");
        f.AddAuthorText("Heading face methane");
        Assert.Empty(f.Find("ch4-face 报警：正常 → 超限 1.5 %vol 24 ppm MQTT"));
        Assert.Empty(f.Find("场景 Heading face methane 通过"));
        Assert.Equal(["active"], f.Find("ch4-face 报警 active"));
        Assert.Equal(["alarm"], f.Find("报警 alarm"));
    }

    /// <summary>The report's visible text: tags, attributes, the style sheet and the embedded pictures removed.</summary>
    public static string ReportText(string html)
    {
        html = Regex.Replace(html, "<style>.*?</style>", "", RegexOptions.Singleline);
        html = Regex.Replace(html, "<(tr|p|h1|h2|table)[^>]*>", "\n");
        html = Regex.Replace(html, "<[^>]+>", " ");
        return WebUtility.HtmlDecode(html);
    }

    private static EnglishWordFinder Finder(string path, ScenarioRun run)
    {
        var f = new EnglishWordFinder();
        using (var doc = JsonDocument.Parse(File.ReadAllText(path))) f.AddScenario(doc.RootElement.Clone());
        f.AddAuthorText(run.Scenario.Name);
        f.AddAuthorText(run.Scenario.Description);
        foreach (var x in run.Scenario.Expectations) f.AddAuthorText(x.Description);
        foreach (var c in run.View.Channels)
        {
            f.AddId(c.Id);
            f.AddId(c.Profile);
            f.AddId(c.SensorId);
        }
        foreach (var o in run.View.Outputs)
        {
            f.AddId(o.Id);
            f.AddId(o.RelayId);
        }
        foreach (var z in run.View.Zones) f.AddId(z.Id);
        foreach (var r in run.Plant.Relays) f.AddId(r.Id);
        foreach (var w in run.View.Welding) f.AddId(w.MachineId);
        foreach (var e in run.Events) f.AddId(e.Subject);
        return f;
    }
}
