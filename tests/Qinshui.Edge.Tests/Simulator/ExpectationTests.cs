using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

public sealed class ExpectationTests
{
    private static RunResult Run(string timeline, string expectations, string duration = "3min")
    {
        var scenario = ScenarioLoader.Parse(ScenarioText.With(timeline, expectations, duration), "t.json");
        return new ScenarioRun(scenario, new AlarmsOnlyGatewayFactory()).RunToEnd();
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
    public void Within_FailsWhenTheReactionIsTooSlow_AndSaysWhen()
    {
        // 100 ms is shorter than the 1 s poll: the measured reaction exceeds it.
        var r = Run(ScenarioText.MethaneRamp,
            """{ "id": "cut", "when": { "sensor": "ch4-sensor", "gte": 1.5 }, "then": { "load": "k1", "is": "unpowered" }, "within": "100ms" }""");
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
        var x = Only(Run("", """{ "id": "a", "always": { "output": "k1", "is": "on" }, "from": "1s", "until": "60s" }"""));
        Assert.Equal(Verdict.Passed, x.Verdict);
        Assert.Equal(591, x.Occurrences); // 1.0 s … 60.0 s every 100 ms
    }

    [Fact]
    public void Eventually_RecordsWhenItFirstHeld()
    {
        var x = Only(Run(ScenarioText.MethaneRamp, """{ "id": "e", "eventually": { "level": "ch4.trip", "is": "active" }, "by": "3min" }"""));
        Assert.Equal(Verdict.Passed, x.Verdict);
        Assert.InRange(x.MeasuredMs!.Value, 60_000, 150_000);
    }

    [Fact]
    public void ZonesWeldingJournalAndCommands_AreNotEvaluableWithTheTemporaryDriver_NeverPassed()
    {
        var r = Run("", """
            { "id": "z", "eventually": { "zone": "bay", "is": "tripped" } },
            { "id": "w", "eventually": { "welding": "wm-1", "is": "unlocked" } },
            { "id": "m", "eventually": { "mqtt": "connected" } },
            { "id": "j", "check": "event_chain_intact" },
            { "id": "c", "reply": { "command": "cmd-1", "refused": "condition_persists" } },
            { "id": "mixed", "eventually": { "all": [ { "output": "k1", "is": "on" }, { "zone": "bay", "is": "permitted" } ] } }
            """, "10s");
        Assert.All(r.Expectations, x => Assert.Equal(Verdict.NotEvaluable, x.Verdict));
        Assert.Equal(0, r.Passed);
        Assert.Equal(0, r.Failed);
        Assert.Contains("zones", r.Expectations[0].Detail);
    }

    [Fact]
    public void EventConditions_SeeTheEventInTheStepItHappened()
    {
        var x = Only(Run(ScenarioText.MethaneRamp + """, { "at": "150s", "action": "press_reset", "target": "ch4" }""",
            """{ "id": "r", "when": { "event": "press_reset" }, "then": { "event": "reset_refused", "subject": "ch4" }, "within": "0ms" }"""));
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
