using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>
/// The scenario kinds issue 13 asked for: counting in a window (at most N), a loop current in mA
/// on a 4–20 mA input (NAMUR NE43 bands), a relay stuck open, a chattering contact, a local
/// proof test. Each is shown to judge: a run that does more than allowed fails.
/// </summary>
public sealed class ScenarioFormatTests
{
    private static RunResult Run(string timeline, string expectations, string duration = "3min")
    {
        var scenario = ScenarioLoader.Parse(ScenarioText.With(timeline, expectations, duration), "t.json");
        return new ScenarioRun(scenario, new RealGatewayFactory()).RunToEnd();
    }

    private static ExpectationResult Only(RunResult r) => Assert.Single(r.Expectations);

    private const string TwoCameraDrops = """
        { "at": "10s", "action": "set", "target": "cam", "value": false },
        { "at": "12s", "action": "set", "target": "cam", "value": true },
        { "at": "16s", "action": "press_reset", "target": "all" },
        { "at": "20s", "action": "set", "target": "cam", "value": false }
        """;

    [Fact]
    public void Count_OfTransitions_FailsWhenThereAreMoreThanAllowed_AndSaysHowMany()
    {
        var x = Only(Run(TwoCameraDrops, """{ "id": "c", "count": { "output": "k1", "is": "off" }, "from": "5s", "atMost": 1 }""", "40s"));
        Assert.Equal(Verdict.Failed, x.Verdict);
        Assert.Contains("counted 2 (at most 1)", x.Detail);
        Assert.Equal(20_000, x.AtMs);
    }

    [Fact]
    public void Count_OfTransitions_PassesAtTheLimit()
    {
        var x = Only(Run(TwoCameraDrops, """{ "id": "c", "count": { "output": "k1", "is": "off" }, "from": "5s", "atMost": 2 }""", "40s"));
        Assert.Equal(Verdict.Passed, x.Verdict);
        Assert.StartsWith("2 (at most 2)", x.Detail);
    }

    [Fact]
    public void Count_OfEvents_CountsEveryEventInTheWindowOnly()
    {
        var inWindow = Only(Run(TwoCameraDrops, """{ "id": "c", "count": { "event": "output_off", "subject": "k1" }, "from": "15s", "atMost": 0 }""", "40s"));
        Assert.Equal(Verdict.Failed, inWindow.Verdict);
        Assert.Contains("counted 1 (at most 0)", inWindow.Detail);
    }

    [Fact]
    public void Count_OfPlatformMessages_SeesEveryAlarmMessage()
    {
        var x = Only(Run(ScenarioText.MethaneRamp, """{ "id": "c", "count": { "message": "alarm" }, "atMost": 0 }"""));
        Assert.Equal(Verdict.Failed, x.Verdict);
        Assert.Contains("more than the 0 allowed", x.Detail);
    }

    [Fact]
    public void Count_WhoseWindowTheRunNeverClosed_Fails()
    {
        var x = Only(Run("", """{ "id": "c", "count": { "output": "k1", "is": "off" }, "from": "5s", "until": "10min", "atMost": 3 }""", "30s"));
        Assert.Equal(Verdict.Failed, x.Verdict);
        Assert.Contains("before the window closed", x.Detail);
    }

    [Fact]
    public void Count_OfAnUnknownMessageKind_IsALoadErrorWithItsPath()
    {
        var e = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.Parse(
            ScenarioText.With("", """{ "id": "c", "count": { "message": "alarms" }, "atMost": 3 }"""), "t.json"));
        Assert.Contains(e.Errors, x => x.Path == "expectations[0].count.message" && x.Message.Contains("'alarms' is not a message kind"));
    }

    [Theory]
    [InlineData(3.0, "sensor_fault")]  // NE43 failure low
    [InlineData(3.7, "out_of_range")]  // under-range saturation
    [InlineData(20.7, "out_of_range")] // over-range saturation
    [InlineData(22.0, "sensor_fault")] // NE43 failure high
    public void LoopMilliamps_OutsideTheMeasuringBand_IsBadDataAndTrips(double milliamps, string flag)
    {
        var r = Run($$"""{ "at": "10s", "action": "loop_ma", "target": "ch4-sensor", "value": {{milliamps.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }""",
            $$"""
            { "id": "q", "when": { "at": "10s" }, "then": { "quality": "ch4", "is": "{{flag}}" }, "within": "2s" },
            { "id": "off", "when": { "at": "10s" }, "then": { "load": "k1", "is": "unpowered" }, "within": "2s" }
            """, "30s");
        Assert.All(r.Expectations, x => Assert.Equal(Verdict.Passed, x.Verdict));
    }

    /// <summary>8 mA on a 0–4 %vol span is 1.0 %vol; after restore the head's own 0.12 %vol (0.02 background + 0.4/400 leak) is back.</summary>
    [Fact]
    public void LoopMilliamps_InTheMeasuringBand_IsAValue_AndRestoreEndsIt()
    {
        var r = Run("""
            { "at": "10s", "action": "loop_ma", "target": "ch4-sensor", "value": 8.0 },
            { "at": "20s", "action": "restore", "target": "ch4-sensor" }
            """,
            """
            { "id": "one-pct", "when": { "at": "12s" }, "then": { "all": [ { "reading": "ch4", "gte": 0.99 }, { "reading": "ch4", "lte": 1.01 } ] }, "within": "100ms" },
            { "id": "back", "when": { "at": "22s" }, "then": { "all": [ { "reading": "ch4", "lte": 0.2 }, { "reading": "ch4", "gte": 0.05 } ] }, "within": "100ms" }
            """, "30s");
        Assert.All(r.Expectations, x => Assert.Equal(Verdict.Passed, x.Verdict));
    }

    [Fact]
    public void LoopMilliamps_OnANonSensor_IsALoadError()
    {
        var e = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.Parse(
            ScenarioText.With("""{ "at": "10s", "action": "loop_ma", "target": "k1", "value": 12 }""", ""), "t.json"));
        Assert.Contains(e.Errors, x => x.Path == "timeline[0].target");
    }

    [Fact]
    public void RelayStuckOpen_LeavesTheLoadUnpowered_AndTheGatewayTripsOnMissingFeedback()
    {
        var r = Run("""{ "at": "10s", "action": "fault", "target": "k1", "mode": "stuck_open" }""",
            """
            { "id": "no-load", "when": { "at": "10s" }, "then": { "load": "k1", "is": "unpowered" }, "within": "100ms" },
            { "id": "tripped", "when": { "at": "10s" }, "then": { "zone": "power", "is": "tripped" }, "within": "5s" }
            """, "30s");
        Assert.All(r.Expectations, x => Assert.Equal(Verdict.Passed, x.Verdict));
    }

    [Fact]
    public void ChatteringCamera_TripsOnce_AndTheTripLatches()
    {
        var r = Run("""{ "at": "10s", "action": "fault", "target": "cam", "mode": "chatter", "period": "300ms" }""",
            """
            { "id": "trips", "when": { "at": "10s" }, "then": { "output": "k1", "is": "off" }, "within": "1s" },
            { "id": "once", "count": { "output": "k1", "is": "off" }, "from": "5s", "atMost": 1 },
            { "id": "bounces", "count": { "event": "log_warning" }, "atMost": 1000 }
            """, "30s");
        Assert.All(r.Expectations, x => Assert.Equal(Verdict.Passed, x.Verdict));
    }

    [Fact]
    public void Chatter_NeedsAPeriod()
    {
        var e = Assert.Throws<ScenarioLoadException>(() => ScenarioLoader.Parse(
            ScenarioText.With("""{ "at": "10s", "action": "fault", "target": "cam", "mode": "chatter" }""", ""), "t.json"));
        Assert.Contains(e.Errors, x => x.Path == "timeline[0].period");
    }

    [Fact]
    public void ProofTestAction_StartsTheGatewaysTest_WhichPassesAndKeepsThePowerOff()
    {
        var r = Run("""{ "at": "10s", "action": "proof_test", "zone": "power" }""",
            """
            { "id": "started", "when": { "at": "10s" }, "then": { "event": "proof_test_start_accepted", "subject": "power" }, "within": "100ms" },
            { "id": "passed", "when": { "at": "10s" }, "then": { "event": "proof_test_passed" }, "within": "3s" },
            { "id": "off", "never": { "output": "k1", "is": "on" }, "from": "10100ms" }
            """, "30s");
        Assert.All(r.Expectations, x => Assert.True(x.Verdict == Verdict.Passed, x.Id + ": " + x.Detail));
    }

    [Fact]
    public void ProofTestAction_OnAZoneThatIsOff_IsRefusedWithItsReason()
    {
        var r = Run("""{ "at": "1s", "action": "proof_test", "zone": "power" }""",
            """{ "id": "refused", "when": { "at": "1s" }, "then": { "event": "proof_test_start_refused", "subject": "power" }, "within": "100ms" }""", "10s");
        Assert.Equal(Verdict.Passed, Only(r).Verdict);
        Assert.Contains(r.Events, e => e.Code == "proof_test_start_refused" && e.Text.Contains("not_permitted"));
    }
}
