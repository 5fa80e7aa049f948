using System.Text.Json;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Tests.Alarms;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 13 #12: STEL/TWA level transitions are named as such in alarm messages.</summary>
public class AlarmSourceMessageTests
{
    private const long Minute = 60_000;

    [Fact]
    public void StelLevelTransition_CarriesSourceStel_AndInstantLevelsCarryInstant()
    {
        // PLANT_CO: 40 ppm trips the instant levels at once and the STEL level (25.74 ppm) after ~10 min.
        var h = EngineHarness.ForProfile("PLANT_CO");
        h.Feed(0);
        h.Hold(0, 15 * Minute);
        h.Hold(40, 11 * Minute);
        var writer = new MessageWriter(new GatewayHarness().Identity);
        var sources = new List<(string Level, string Source, double Value)>();
        foreach (var t in h.Drain().Where(t => t.Kind == TransitionKind.LevelChanged && t.To == LevelStatus.Active))
        {
            var tr = t;
            var w = new JsonWriter(new byte[512]);
            writer.WriteAlarm(w, h.Engine, ref tr, 1_790_000_000_000, true, 1_790_000_000_000);
            byte[] payload = w.Buffer[..w.Length];
            PayloadSchemaTests.AssertValid("alarm", payload);
            var root = JsonDocument.Parse(payload).RootElement;
            sources.Add((root.GetProperty("level").GetString()!, root.GetProperty("source").GetString()!, root.GetProperty("value").GetDouble()));
        }
        Assert.Contains(sources, s => s.Source == "instant" && s.Value == 40);
        var stel = Assert.Single(sources, s => s.Source == "stel");
        Assert.InRange(stel.Value, 25.74, 30); // the average, not the 40 ppm reading
        Assert.DoesNotContain(sources, s => s.Source == "twa");
    }
}
