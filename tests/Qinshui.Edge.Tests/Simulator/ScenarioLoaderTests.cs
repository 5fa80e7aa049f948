using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

public sealed class ScenarioLoaderTests
{
    private static IReadOnlyList<ScenarioError> Errors(string json)
    {
        var e = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.Parse(json, "t.json"));
        return e.Errors;
    }

    [Fact]
    public void AValidScenario_Loads()
    {
        var s = ScenarioLoader.Parse(ScenarioText.With(ScenarioText.MethaneRamp, """{ "id": "x", "eventually": { "output": "k1", "is": "on" } }"""), "t.json");
        Assert.Equal(180_000, s.DurationMs);
        Assert.Single(s.Timeline);
        Assert.Equal(ActionKind.Ramp, s.Timeline[0].Kind);
        Assert.Equal(20_000, s.Timeline[0].OverMs);
        Assert.Single(s.Expectations);
    }

    [Fact]
    public void UnknownProperty_IsReportedWithItsPathAndTheKnownNames()
    {
        var errors = Errors(ScenarioText.With("""{ "at": "10s", "action": "set", "target": "air", "valu": 1 }""", ""));
        Assert.Contains(errors, e => e.Path == "timeline[0].valu" && e.Message.Contains("unknown property") && e.Message.Contains("value"));
        Assert.Contains(errors, e => e.Path == "timeline[0].value" && e.Message == "is required");
        Assert.All(errors, e => Assert.Equal("t.json", e.File));
    }

    [Fact]
    public void EveryErrorIsReported_NotOnlyTheFirst()
    {
        var errors = Errors(ScenarioText.With(
            """
            { "at": "10", "action": "set", "target": "air", "value": 1 },
            { "at": "20s", "action": "explode" },
            { "at": "30s", "action": "fault", "target": "ch4-sensor", "mode": "melted" },
            { "at": "4min", "action": "fault", "target": "nobody", "mode": "stuck" }
            """, ""));
        Assert.Contains(errors, e => e.Path == "timeline[0].at" && e.Message.Contains("not a duration"));
        Assert.Contains(errors, e => e.Path == "timeline[1].action" && e.Message.Contains("'explode' is not one of"));
        Assert.Contains(errors, e => e.Path == "timeline[2].mode" && e.Message.Contains("not a sensor fault") && e.Message.Contains("open_loop"));
        Assert.Contains(errors, e => e.Path == "timeline[3].at" && e.Message.Contains("after the end"));
        Assert.Contains(errors, e => e.Path == "timeline[3].target" && e.Message.Contains("'nobody'"));
    }

    [Fact]
    public void SensorMeasuringAnUnknownVariable_AndDuplicateIds_AreErrors()
    {
        string json = """
            { "name": "n", "duration": "1min", "gateway": {},
              "plant": {
                "variables": [ { "id": "t", "unit": "degC", "initial": 20 }, { "id": "t", "unit": "degC", "initial": 20 } ],
                "sensors": [ { "id": "s", "measures": "nothing", "rangeMax": 10 }, { "id": "s2", "measures": "t", "unit": "Pa", "rangeMax": 10 } ]
              } }
            """;
        var errors = Errors(json);
        Assert.Contains(errors, e => e.Path == "plant.variables[1].id" && e.Message.Contains("already used"));
        Assert.Contains(errors, e => e.Path == "plant.sensors[0].measures" && e.Message.Contains("'nothing'"));
        Assert.Contains(errors, e => e.Path == "plant.sensors[1].unit" && e.Message.Contains("degC"));
    }

    [Fact]
    public void BusFaultsOnAnAnalogSensor_AreRefused()
    {
        var errors = Errors(ScenarioText.With("""{ "at": "10s", "action": "fault", "target": "ch4-sensor", "mode": "crc_noise" }""", ""));
        Assert.Contains(errors, e => e.Path == "timeline[0].mode" && e.Message.Contains("needs a Modbus sensor"));
    }

    [Fact]
    public void MissingTopLevelSections_AreNamed()
    {
        var errors = Errors("""{ "name": "n" }""");
        Assert.Contains(errors, e => e.Path == "duration" && e.Message == "is required");
        Assert.Contains(errors, e => e.Path == "gateway");
        Assert.Contains(errors, e => e.Path == "plant");
    }

    [Fact]
    public void InvalidJson_GivesTheLine()
    {
        var errors = Errors("{\n \"name\": \"n\",\n }");
        Assert.Single(errors);
        Assert.StartsWith("line ", errors[0].Path);
    }

    [Fact]
    public void ExpectationConditions_AreCheckedStrictly()
    {
        var errors = Errors(ScenarioText.With("",
            """
            { "id": "a", "when": { "sensor": "ch4-sensor", "gte": 1.5, "lt": 2 }, "then": { "output": "k1", "is": "of" }, "within": "2s" },
            { "id": "a", "eventually": { "level": "ch4trip", "is": "active" } },
            { "id": "c", "check": "everything_fine" },
            { "id": "d" }
            """));
        Assert.Contains(errors, e => e.Path == "expectations[0].when" && e.Message.Contains("exactly one comparison"));
        Assert.Contains(errors, e => e.Path == "expectations[0].then.is" && e.Message.Contains("on, off"));
        Assert.Contains(errors, e => e.Path == "expectations[1].id" && e.Message.Contains("used twice"));
        Assert.Contains(errors, e => e.Path == "expectations[1].eventually.level" && e.Message.Contains("CHANNEL.LEVEL"));
        Assert.Contains(errors, e => e.Path == "expectations[2].check" && e.Message.Contains("no_reading_lost"));
        Assert.Contains(errors, e => e.Path == "expectations[3]" && e.Message.Contains("needs one of"));
    }

    [Fact]
    public void GatewaySectionErrors_ComeFromTheGatewayFactoryWithPaths()
    {
        string json = ScenarioText.With("", "").Replace("\"MINE_CH4_FACE\"", "\"MINE_CH4_FAC\"");
        var scenario = ScenarioLoader.Parse(json, "t.json");
        var e = Assert.Throws<ScenarioLoadException>(() => new ScenarioRun(scenario, new AlarmsOnlyGatewayFactory()));
        Assert.Contains(e.Errors, x => x.Path == "gateway.channels[0].profile" && x.Message.Contains("MINE_CH4_FAC"));
    }

    [Fact]
    public void ExpectationNamingAnUnknownChannelOrLevel_IsAnError()
    {
        var scenario = ScenarioLoader.Parse(ScenarioText.With("",
            """
            { "id": "a", "eventually": { "reading": "ch5", "gte": 1 } },
            { "id": "b", "eventually": { "level": "ch4.warning", "is": "active" } }
            """), "t.json");
        var e = Assert.Throws<ScenarioLoadException>(() => new ScenarioRun(scenario, new AlarmsOnlyGatewayFactory()));
        Assert.Contains(e.Errors, x => x.Path == "expectations[0]" && x.Message.Contains("no channel 'ch5'"));
        Assert.Contains(e.Errors, x => x.Path == "expectations[1]" && x.Message.Contains("no level 'warning'") && x.Message.Contains("alarm, trip"));
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1.5min", 90_000)]
    [InlineData("8h", 28_800_000)]
    public void Durations_NeedAUnit(string text, long ms)
    {
        Assert.True(Duration.TryParseMs(text, out long parsed));
        Assert.Equal(ms, parsed);
        Assert.False(Duration.TryParseMs("250", out _));
        Assert.False(Duration.TryParseMs("-1s", out _));
    }
}
