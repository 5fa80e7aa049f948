using System.Text.Json;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>Issue 13 #5: the demo's methane reading hovers at 1.0 %CH4 around 18 s; its alarm must not chatter.</summary>
public sealed class DemoChatterTests
{
    [Fact]
    public void DemoSite_Ch4FaceLevels_ChangeAtMostOncePerClearHold()
    {
        var run = new ScenarioRun(ScenarioLoader.LoadFile(Path.Combine(ScenarioFileTests.ScenarioDirectory, "demo-site.json")), new RealGatewayFactory());
        run.RunToEnd();
        var alarms = ((RealGateway)run.Gateway).Platform.Inbox.Messages.Where(m => m.Kind == "alarm")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.GetProperty("channel").GetString() == "ch4-face" && e.GetProperty("transition").GetString() == "level_changed")
            .ToList();
        Assert.NotEmpty(alarms); // the methane inflow does raise the alarm
        foreach (var level in alarms.GroupBy(e => e.GetProperty("level").GetString()))
        {
            var changes = level.Select(e => (At: e.GetProperty("at").GetInt64(), To: e.GetProperty("to").GetString())).OrderBy(c => c.At).ToList();
            for (int i = 1; i < changes.Count; i++)
            {
                // Issue 13 saw several changes within 100 ms around 18 s. Now a level that went active leaves
                // active only after MINE_CH4_FACE's clear hold (10 s) of restored readings.
                long apart = changes[i].At - changes[i - 1].At;
                Assert.True(apart >= 100, $"{level.Key}: changes at {changes[i - 1].At} and {changes[i].At}");
                if (changes[i - 1].To == "active") Assert.True(apart >= ClearHold.MineMs, $"{level.Key}: active for only {apart} ms");
            }
        }
    }
}
