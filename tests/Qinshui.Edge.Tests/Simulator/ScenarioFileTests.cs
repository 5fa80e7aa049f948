using System.Text.Json;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Cli.Commands;
using Qinshui.Edge.Simulator.Report;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>The shipped scenarios (the conformance suite) run green on the real gateway in virtual time.</summary>
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
    public void ShippedScenario_HasNoFailedExpectation_AndEveryPayloadMatchesItsSchema(string file)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(ScenarioDirectory, file));
        var run = new ScenarioRun(scenario, new RealGatewayFactory());
        var result = run.RunToEnd();
        // Everything the platform received from the real gateway, every kind, against docs/schemas.
        var received = ((RealGateway)run.Gateway).Platform.Inbox.Messages;
        Assert.NotEmpty(received);
        foreach (var m in received) Qinshui.Edge.Tests.Mqtt.PayloadSchemaTests.AssertValid(m.Kind, m.Payload);
        var failed = result.Expectations.Where(x => x.Verdict == Verdict.Failed).Select(x => $"{x.Id}: {x.Detail}").ToList();
        Assert.Empty(failed);
        Assert.NotEmpty(result.Expectations);
        Assert.True(result.Passed > 0, "a scenario must prove something");
        // The real gateway answers every expectation: none may be left "not evaluable".
        Assert.Equal(0, result.NotEvaluable);
    }

    [Fact]
    public void AtLeastAHandfulOfScenariosShip()
    {
        Assert.True(Directory.GetFiles(ScenarioDirectory, "*.json").Length >= 20, "the conformance suite has at least 20 scenarios");
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
            int code = CommandLine.Run(["sim", "run", Path.Combine(ScenarioDirectory, "mine-ch4-face-trip.json"), Path.Combine(ScenarioDirectory, "weld-card-permit.json"), "--fast", "--result", result], stdout, stderr);
            Assert.Equal(CommandLine.ExitOk, code);
            using var doc = JsonDocument.Parse(File.ReadAllText(result));
            var scenarios = doc.RootElement.GetProperty("scenarios");
            Assert.Equal(2, scenarios.GetArrayLength());
            var cut = scenarios[0].GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "cut-within-2s");
            Assert.Equal("passed", cut.GetProperty("verdict").GetString());
            Assert.InRange(cut.GetProperty("measuredMs").GetInt64(), 0, 2000);
            Assert.Equal(2000, cut.GetProperty("limitMs").GetInt64());
            var unlock = scenarios[1].GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "unlock-within-1s");
            Assert.Equal("passed", unlock.GetProperty("verdict").GetString());
            Assert.InRange(unlock.GetProperty("measuredMs").GetInt64(), 0, 1000);
            // The real gateway answers every kind of expectation: nothing is left "not evaluable".
            Assert.Equal(0, doc.RootElement.GetProperty("notEvaluable").GetInt32());
            int strict = CommandLine.Run(["sim", "run", Path.Combine(ScenarioDirectory, "weld-card-permit.json"), "--fast", "--strict"], new StringWriter(), new StringWriter());
            Assert.Equal(CommandLine.ExitOk, strict);
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
                """{ "id": "too-strict", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "load": "k1", "is": "powered" }, "within": "100ms" }"""));
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
        var result = new ScenarioRun(scenario, new RealGatewayFactory()).RunToEnd();
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
        Assert.Contains("no-reading-lost", html);
    }
}
