using System.Text.Json;
using Qinshui.Edge.Simulator.Cli;
using Qinshui.Edge.Simulator.Commands;
using Qinshui.Edge.Simulator.Report;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>The shipped scenarios run green in virtual time (none failed; declared-only ones not evaluable).</summary>
public sealed class ScenarioFileTests
{
    public static string ScenarioDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Qinshui.Edge.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Qinshui.Edge.sln"), "simulator", "scenarios");
        }
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(ScenarioDirectory, "*.json").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedScenario_HasNoFailedExpectation(string file)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(ScenarioDirectory, file));
        var result = new ScenarioRun(scenario, new AlarmsOnlyGatewayFactory()).RunToEnd();
        var failed = result.Expectations.Where(x => x.Verdict == Verdict.Failed).Select(x => $"{x.Id}: {x.Detail}").ToList();
        Assert.Empty(failed);
        Assert.NotEmpty(result.Expectations);
        Assert.True(result.Passed > 0, "a scenario must prove something with today's gateway");
    }

    [Fact]
    public void AtLeastAHandfulOfScenariosShip()
    {
        Assert.True(Directory.GetFiles(ScenarioDirectory, "*.json").Length >= 10);
    }

    [Fact]
    public void SimRun_WritesEveryExpectationToTheResultFile_AndExitsZeroWhenNoneFailed()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qedge-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string result = Path.Combine(dir, "out.json");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = CommandLine.Run(["sim", "run", Path.Combine(ScenarioDirectory, "mine-ch4-face-trip.json"), Path.Combine(ScenarioDirectory, "weld-permit-card.json"), "--fast", "--result", result], stdout, stderr);
            Assert.Equal(CommandLine.ExitOk, code);
            using var doc = JsonDocument.Parse(File.ReadAllText(result));
            var scenarios = doc.RootElement.GetProperty("scenarios");
            Assert.Equal(2, scenarios.GetArrayLength());
            var cut = scenarios[0].GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "cut-within-2s");
            Assert.Equal("passed", cut.GetProperty("verdict").GetString());
            Assert.InRange(cut.GetProperty("measuredMs").GetInt64(), 0, 2000);
            Assert.Equal(2000, cut.GetProperty("limitMs").GetInt64());
            var ne = scenarios[1].GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "unlock-within-5s");
            Assert.Equal("not_evaluable", ne.GetProperty("verdict").GetString());
            Assert.False(ne.GetProperty("passed").GetBoolean());
            Assert.True(doc.RootElement.GetProperty("notEvaluable").GetInt32() > 0);

            // --strict: not evaluable is not good enough.
            int strict = CommandLine.Run(["sim", "run", Path.Combine(ScenarioDirectory, "weld-permit-card.json"), "--fast", "--strict"], new StringWriter(), new StringWriter());
            Assert.Equal(SimCommand.ExitNotEvaluable, strict);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SimRun_ExitsOneWhenAnExpectationFails()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qedge-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "slow.json");
            File.WriteAllText(file, ScenarioText.With(ScenarioText.MethaneRamp,
                """{ "id": "too-strict", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "load": "k1", "is": "unpowered" }, "within": "100ms" }"""));
            var stdout = new StringWriter();
            int code = CommandLine.Run(["sim", "run", file, "--fast"], stdout, new StringWriter());
            Assert.Equal(CommandLine.ExitFailure, code);
            Assert.Contains("FAIL too-strict", stdout.ToString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SimRun_ReportsLoadErrorsWithFileAndPath()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qedge-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "bad.json");
            File.WriteAllText(file, ScenarioText.With("""{ "at": "5s", "action": "ramp", "target": "air", "value": 3 }""", ""));
            var stderr = new StringWriter();
            int code = CommandLine.Run(["sim", "run", file, "--fast"], new StringWriter(), stderr);
            Assert.Equal(CommandLine.ExitFailure, code);
            Assert.Contains($"{file}: timeline[0].over: is required", stderr.ToString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void DemoSite_HeadlessForAGivenDuration_WritesTheReportAndSaysWhere()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qedge-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stdout = new StringWriter();
            int code = CommandLine.Run(["sim", "--duration", "30s", "--fast", "--report", dir], stdout, new StringWriter());
            Assert.Equal(CommandLine.ExitOk, code);
            string text = stdout.ToString();
            string report = Path.Combine(dir, "demo-site.html");
            Assert.Contains("report: " + report, text);
            Assert.Contains("output_off", text); // headless: plain log lines of what happened
            string html = File.ReadAllText(report);
            Assert.Contains("data:image/png;base64,", html);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Report_EmbedsOnePngPerChannelPlusOutputs_RenderedHeadlessByScottPlot()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(ScenarioDirectory, "demo-site.json"));
        var result = new ScenarioRun(scenario, new AlarmsOnlyGatewayFactory()).RunToEnd();
        string html = HtmlReport.Render(result, "zh");
        var images = System.Text.RegularExpressions.Regex.Matches(html, "data:image/png;base64,([A-Za-z0-9+/=]+)");
        Assert.True(images.Count >= result.FinalView.Channels.Count + 1);
        foreach (System.Text.RegularExpressions.Match m in images)
        {
            byte[] png = Convert.FromBase64String(m.Groups[1].Value);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png.Take(4).ToArray());
            Assert.True(png.Length > 5000, "a plot, not an empty image");
        }
        Assert.Contains("heading-cut", html);
        Assert.Contains("暂不可评估", html);
    }
}
