using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

public sealed class ExpectationTests
{
    private static RunResult Run(string timeline, string expectations, string duration = "3min")
    {
        var scenario = ScenarioLoader.Parse(ScenarioText.With(timeline, expectations, duration), "t.json");
        return new ScenarioRun(scenario, new RealGatewayFactory()).RunToEnd();
    }

    private static ExpectationResult Only(RunResult r) => Assert.Single(r.Expectations);

    [Fact]
    public void Within_MeasuresTheReactionTimeAndPasses()
    {
        var r = Run(ScenarioText.MethaneRamp,
            """{ "id": "cut", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "load": "k1", "is": "unpowered" }, "within": "2s" }""");
        var x = Only(r);
        Assert.Equal(Verdict.Passed, x.Verdict);
        // Polled every second: the reaction is at most one poll interval plus one step.
        Assert.InRange(x.MeasuredMs!.Value, 0, 1100);
        Assert.Equal(2000, x.LimitMs);
        Assert.InRange(x.AtMs!.Value, 60_000, 150_000);
    }

    [Fact]
    public void Within_FailsWhenTheThenDoesNotHoldInTime_AndSaysWhen()
    {
        // After the cut the load is never powered again: "powered within 100 ms" cannot hold.
        var r = Run(ScenarioText.MethaneRamp,
            """{ "id": "cut", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "load": "k1", "is": "powered" }, "within": "100ms" }""");
        var x = Only(r);
        Assert.Equal(Verdict.Failed, x.Verdict);
        Assert.Contains("did not hold within 100ms", x.Detail);
        Assert.True(x.MeasuredMs > 100);
        Assert.Equal(1, r.Failed);
    }

    [Fact]
    public void Within_WhoseTriggerNeverHappens_Fails()
    {
        var x = Only(Run("", """{ "id": "cut", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "output": "k1", "is": "off" }, "within": "2s" }"""));
        Assert.Equal(Verdict.Failed, x.Verdict);
        Assert.Contains("never happened", x.Detail);
    }

    [Fact]
    public void Never_FailsAtTheFirstStepTheConditionHolds()
    {
        var x = Only(Run("""{ "at": "20s", "action": "set", "target": "cam", "value": false }""",
            """{ "id": "n", "never": { "output": "k1", "is": "off" }, "from": "5s" }"""));
        Assert.Equal(Verdict.Failed, x.Verdict);
        Assert.Equal(20_000, x.AtMs);
    }

    [Fact]
    public void Always_PassesWhenItHoldsAtEveryStepOfItsWindow()
    {
        // The gateway boots latched; the reset at 3 s arms it.
        var x = Only(Run("", """{ "id": "a", "always": { "output": "k1", "is": "on" }, "from": "4s", "until": "60s" }"""));
        Assert.Equal(Verdict.Passed, x.Verdict);
        Assert.Equal(561, x.Occurrences); // 4.0 s … 60.0 s every 100 ms
    }

    [Fact]
    public void Eventually_RecordsWhenItFirstHeld()
    {
        var x = Only(Run(ScenarioText.MethaneRamp, """{ "id": "e", "eventually": { "level": "ch4.trip", "is": "active" }, "by": "3min" }"""));
        Assert.Equal(Verdict.Passed, x.Verdict);
        Assert.InRange(x.MeasuredMs!.Value, 60_000, 150_000);
    }

    [Fact]
    public void ZonesJournalMqttAndCommands_AreEvaluatedByTheRealGateway()
    {
        var r = Run("""{ "at": "2s", "action": "command", "command": { "id": "cmd-1", "cmd": "reset_zone", "args": { "zone": "power" } } }""", """
            { "id": "z", "eventually": { "zone": "power", "is": "permitted" } },
            { "id": "w", "eventually": { "welding": "wm-1", "is": "unlocked" } },
            { "id": "m", "eventually": { "mqtt": "connected" } },
            { "id": "j", "check": "event_chain_intact" },
            { "id": "c", "reply": { "command": "cmd-1", "refused": "remote_reset_not_allowed" } },
            { "id": "mixed", "eventually": { "all": [ { "output": "k1", "is": "on" }, { "zone": "power", "is": "permitted" } ] } }
            """, "10s");
        Assert.DoesNotContain(r.Expectations, x => x.Verdict == Verdict.NotEvaluable);
        Assert.Equal(Verdict.Passed, r.Expectations.Single(x => x.Id == "z").Verdict);
        // No welding station in this gateway: the condition never holds (failed, not passed by default).
        Assert.Equal(Verdict.Failed, r.Expectations.Single(x => x.Id == "w").Verdict);
        Assert.Equal(Verdict.Passed, r.Expectations.Single(x => x.Id == "m").Verdict);
        Assert.Equal(Verdict.Passed, r.Expectations.Single(x => x.Id == "j").Verdict);
        var c = r.Expectations.Single(x => x.Id == "c");
        Assert.True(c.Verdict == Verdict.Passed, c.Detail);
        Assert.Equal(Verdict.Passed, r.Expectations.Single(x => x.Id == "mixed").Verdict);
    }

    [Fact]
    public void EventConditions_SeeTheEventInTheStepItHappened()
    {
        var x = Only(Run(ScenarioText.MethaneRamp + """, { "at": "150s", "action": "press_reset", "target": "ch4" }""",
            """{ "id": "r", "when": { "event": "press_reset", "subject": "ch4" }, "then": { "event": "reset_refused", "subject": "ch4" }, "within": "0ms" }"""));
        Assert.Equal(Verdict.Passed, x.Verdict);
        Assert.Equal(0, x.MeasuredMs);
    }

    [Fact]
    public void SameScenario_SameSeed_SameMeasuredTimes()
    {
        string exp = """{ "id": "cut", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "load": "k1", "is": "unpowered" }, "within": "2s" }""";
        var a = Only(Run(ScenarioText.MethaneRamp, exp));
        var b = Only(Run(ScenarioText.MethaneRamp, exp));
        Assert.Equal((a.AtMs, a.MeasuredMs), (b.AtMs, b.MeasuredMs));
    }
}
