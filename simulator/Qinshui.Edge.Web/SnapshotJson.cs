using System.Text.Json;
using Qinshui.Edge.Desktop.Platform.Feed;

namespace Qinshui.Edge.Web;

/// <summary>
/// What the page draws, as JSON: per gateway its channels (value, unit, quality in words, limits
/// with their states, plot points), zones (permitted or off, why, reset needed), relays (command and
/// feedback fault), welding sessions and the newest events. Words come in English and Chinese.
/// </summary>
internal static class SnapshotJson
{
    private const int LogShown = 50;

    public static byte[] Write(IEnumerable<GatewayView> gateways)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("gateways");
            foreach (var g in gateways.OrderBy(g => g.Site, StringComparer.Ordinal).ThenBy(g => g.Gateway, StringComparer.Ordinal)) Gateway(w, g);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Gateway(Utf8JsonWriter w, GatewayView g)
    {
        w.WriteStartObject();
        w.WriteString("site", g.Site);
        w.WriteString("gateway", g.Gateway);
        w.WriteBoolean("online", g.Online);
        w.WriteBoolean("hasMetadata", g.Boot != null);
        w.WriteBoolean("clockTrusted", g.ClockTrusted);
        w.WriteNumber("lastHeardUtcMs", g.LastHeardUtcMs);
        w.WriteStartArray("channels");
        foreach (var c in g.Channels) Channel(w, c);
        w.WriteEndArray();
        w.WriteStartArray("zones");
        foreach (var z in g.Zones) Zone(w, z);
        w.WriteEndArray();
        w.WriteStartArray("relays");
        foreach (var r in g.Relays())
        {
            w.WriteStartObject();
            w.WriteString("output", r.Output);
            w.WriteString("zone", r.Zone);
            w.WriteBoolean("known", r.Known);
            w.WriteBoolean("commanded", r.Commanded);
            if (r.FeedbackFault is ZoneCause f) Cause(w, "feedbackFault", f);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("welding");
        foreach (var s in g.Welding.Values.OrderBy(s => s.Station, StringComparer.Ordinal)) Welding(w, s);
        w.WriteEndArray();
        w.WriteStartArray("log");
        for (int i = g.Log.Count - 1; i >= Math.Max(0, g.Log.Count - LogShown); i--)
        {
            var e = g.Log[i];
            w.WriteStartObject();
            w.WriteNumber("at", e.AtUtcMs);
            w.WriteString("kind", e.Kind);
            w.WriteString("severity", e.Severity);
            w.WriteString("subject", e.Subject);
            w.WriteString("en", e.En);
            w.WriteString("zh", e.Zh);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Channel(Utf8JsonWriter w, ChannelView c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("unit", c.Unit);
        w.WriteString("profile", c.Profile);
        w.WriteString("standard", c.Standard);
        Number(w, "value", c.Value);
        w.WriteNumber("quality", c.Quality);
        w.WriteString("qualityEn", FeedText.Quality(c.Quality, "en"));
        w.WriteString("qualityZh", FeedText.Quality(c.Quality, "zh"));
        w.WriteNumber("at", c.ReadingUtcMs);
        w.WriteBoolean("resetNeeded", c.ResetNeeded);
        w.WriteStartArray("levels");
        foreach (var l in c.Levels)
        {
            string key = l.Source != "instant" ? l.Kind + ":" + l.Source : l.Kind;
            string state = c.LevelStates.GetValueOrDefault(key, "normal");
            w.WriteStartObject();
            w.WriteString("kind", l.Kind);
            w.WriteString("source", l.Source);
            w.WriteString("dir", l.Direction);
            Number(w, "threshold", double.IsNaN(l.Threshold) ? null : l.Threshold);
            Number(w, "restore", double.IsNaN(l.Restore) ? null : l.Restore);
            w.WriteBoolean("latching", l.Latching);
            w.WriteString("state", state);
            w.WriteString("limitEn", FeedText.Limit(l, "en"));
            w.WriteString("limitZh", FeedText.Limit(l, "zh"));
            w.WriteString("stateEn", FeedText.State(state, "en"));
            w.WriteString("stateZh", FeedText.State(state, "zh"));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("history");
        foreach (var p in c.History)
        {
            w.WriteStartArray();
            w.WriteNumberValue(p.UtcMs);
            if (p.Value is double v) w.WriteNumberValue(v);
            else w.WriteNullValue();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Zone(Utf8JsonWriter w, ZoneView z)
    {
        w.WriteStartObject();
        w.WriteString("id", z.Id);
        w.WriteBoolean("known", z.Known);
        w.WriteBoolean("permitted", z.Permitted);
        w.WriteBoolean("latched", z.Latched);
        w.WriteBoolean("resetNeeded", z.ResetNeeded);
        w.WriteString("reason", z.Reason ?? "");
        w.WriteStartArray("outputs");
        foreach (var o in z.Outputs) w.WriteStringValue(o);
        w.WriteEndArray();
        w.WriteStartArray("causes");
        foreach (var c in z.Causes) Cause(w, null, c);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Cause(Utf8JsonWriter w, string? name, ZoneCause c)
    {
        if (name == null) w.WriteStartObject();
        else w.WriteStartObject(name);
        w.WriteString("condition", c.Condition);
        w.WriteString("subject", c.Subject);
        Number(w, "value", c.Value);
        Number(w, "threshold", c.Threshold);
        w.WriteString("unit", c.Unit);
        w.WriteString("en", c.En);
        w.WriteString("zh", c.Zh);
        w.WriteEndObject();
    }

    private static void Welding(Utf8JsonWriter w, WeldingSessionView s)
    {
        w.WriteStartObject();
        w.WriteString("station", s.Station);
        w.WriteNumber("session", s.Session);
        w.WriteString("zone", s.Zone);
        w.WriteString("machine", s.Machine);
        w.WriteString("welder", s.Welder);
        w.WriteString("welderName", s.WelderName);
        w.WriteString("permit", s.Permit);
        w.WriteNumber("start", s.StartUtcMs);
        w.WriteBoolean("active", s.Active);
        w.WriteNumber("stop", s.StopUtcMs);
        w.WriteString("stopEn", s.StopEn);
        w.WriteString("stopZh", s.StopZh);
        Number(w, "maxCurrentA", s.MaxCurrentAmps);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
