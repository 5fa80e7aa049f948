using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>AQ 1029-2019: the CH4/power interlock is proven every 15 days; the gateway trips the zone and feedback confirms the cut.</summary>
public class ProofTestTests
{
    [Fact]
    public void ProofTest_TripsAtOnce_AndPassesWhenFeedbackConfirmsTheCut()
    {
        var h = new ZoneHarness();
        h.BringUp();
        Assert.True(h.Engine.IsProofTestOverdue(0));
        long startUtc = h.Clock.UtcMs;
        Assert.Equal(ProofTestOutcome.Accepted, h.Engine.StartProofTest(0));
        Assert.False(h.Relay1.Energised || h.Relay2.Energised); // the cut happens in the call
        Assert.True(h.Relay3.Energised);
        var started = h.Journal.OfKind("proof_test_started").Single();
        var cause = started.GetProperty("causes")[0];
        Assert.Equal("ch4", cause.GetProperty("subject").GetString());
        Assert.Equal(1.5, cause.GetProperty("value").GetDouble()); // the simulated over-limit: the trip threshold

        h.Clock.Advance(100);
        h.Scan();
        var passed = h.Journal.OfKind("proof_test_passed").Single();
        var pt = passed.GetProperty("proofTest");
        Assert.Equal(startUtc, pt.GetProperty("startedUtcMs").GetInt64());
        Assert.Equal(startUtc + 100, pt.GetProperty("endedUtcMs").GetInt64());
        Assert.Equal(100, pt.GetProperty("elapsedMs").GetInt64());
        Assert.True(pt.GetProperty("passed").GetBoolean());
        Assert.False(h.Engine.IsProofTestOverdue(0));

        // The zone stays tripped until someone resets it locally.
        h.Run(61_000);
        Assert.False(h.Relay1.Energised);
        Assert.Equal(ZoneResetOutcome.LocalResetRequired, h.Engine.RequestRemoteReset(0));
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
    }

    [Fact]
    public void ProofTest_FailsWhenTheContactDoesNotOpenWithinTheTimeout()
    {
        var h = new ZoneHarness { StepMs = 500 };
        h.BringUp();
        h.Relay2.Fault = RelayFault.Welded;
        Assert.Equal(ProofTestOutcome.Accepted, h.Engine.StartProofTest(0));
        h.Run(1500);
        Assert.Empty(h.Journal.OfKind("proof_test_failed"));
        h.Run(500);
        var failed = h.Journal.OfKind("proof_test_failed").Single();
        Assert.False(failed.GetProperty("proofTest").GetProperty("passed").GetBoolean());
        Assert.Equal(2000, failed.GetProperty("proofTest").GetProperty("elapsedMs").GetInt64());
        Assert.Contains(failed.GetProperty("causes").EnumerateArray(), c => c.GetProperty("condition").GetString() == "welded_contact");
        Assert.True(h.Engine.IsProofTestOverdue(0));
    }

    [Fact]
    public void ProofTest_RefusedWhenTheZoneIsNotPermitted()
    {
        var h = new ZoneHarness();
        h.Scan();
        Assert.Equal(ProofTestOutcome.NotPermitted, h.Engine.StartProofTest(0));
        Assert.Equal("not_permitted", h.Journal.OfKind("proof_test_refused").Single().GetProperty("reason").GetString());
    }

    [Fact]
    public void ProofTest_RefusedWithoutFeedback()
    {
        var h = new ZoneHarness(c => c.Outputs[2].FeedbackInputId = null);
        h.BringUp();
        Assert.Equal(ProofTestOutcome.NoFeedback, h.Engine.StartProofTest(1));
        Assert.True(h.Relay3.Energised);
    }

    [Fact]
    public void ProofTest_RefusedWhileOneRuns_AndForAnUnknownZone()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Relay1.Fault = RelayFault.Welded;
        Assert.Equal(ProofTestOutcome.Accepted, h.Engine.StartProofTest(0));
        Assert.Equal(ProofTestOutcome.AlreadyRunning, h.Engine.StartProofTest(0));
        Assert.Equal(ProofTestOutcome.UnknownZone, h.Engine.StartProofTest(3));
    }
}
