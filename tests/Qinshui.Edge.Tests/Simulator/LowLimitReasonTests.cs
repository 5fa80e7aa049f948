using System.Text.Json;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>Issue 13 #12: a low-direction level (O2 deficiency) trips with a direction-correct reason code.</summary>
public sealed class LowLimitReasonTests
{
    [Fact]
    public void LowOxygenTrip_IsReportedAsBelowLimit_NotAboveLimit()
    {
        var run = new ScenarioRun(ScenarioLoader.LoadFile(Path.Combine(ScenarioFileTests.ScenarioDirectory, "confined-space-o2.json")), new RealGatewayFactory());
        run.RunToEnd();
        var causes = ((RealGateway)run.Gateway).Platform.Inbox.Messages.Where(m => m.Kind == "event")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.TryGetProperty("causes", out _))
            .SelectMany(e => e.GetProperty("causes").EnumerateArray())
            .Where(c => c.GetProperty("subject").GetString()!.Contains("o2", StringComparison.OrdinalIgnoreCase))
            .Select(c => c.GetProperty("condition").GetString()).ToList();
        Assert.Contains("channel_below_limit", causes);
        Assert.DoesNotContain("channel_above_limit", causes);
    }
}
