using System.Text.Json;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>What `qedge profiles` asks for: JSON or a table in zh/en, optionally one family only.</summary>
public sealed record ProfileListingOptions(bool Json, string? Family, string Lang);

/// <summary>The built-in alarm profiles with thresholds, units and sources, as a table or JSON.</summary>
public static class ProfileListing
{
    public static ToolOutcome Run(ProfileListingOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var profiles = ProfileCatalog.All.Where(p => o.Family == null || ProfileFamilyNames.Name(p.Family) == o.Family).ToList();
        if (o.Family != null && profiles.Count == 0)
        {
            var names = ProfileCatalog.All.Select(p => ProfileFamilyNames.Name(p.Family)).Distinct();
            stderr.WriteLine($"qedge profiles: no family '{o.Family}'; families: {string.Join(", ", names)}");
            return ToolOutcome.Failed;
        }
        if (o.Json) WriteJson(profiles, stdout);
        else WriteTable(profiles, stdout, o.Lang);
        return ToolOutcome.Ok;
    }

    private static void WriteJson(IEnumerable<AlarmProfile> profiles, TextWriter stdout)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var p in profiles)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("family", ProfileFamilyNames.Name(p.Family));
                w.WriteString("quantity", p.Gas);
                w.WriteString("unit", Units.Symbol(p.Unit));
                w.WriteString("title", p.TitleEn);
                w.WriteString("titleZh", p.TitleZh);
                w.WriteString("standard", p.Standard);
                w.WriteString("note", p.Note);
                w.WriteBoolean("verify", p.Verify);
                w.WriteStartObject("range");
                w.WriteNumber("min", p.RangeMin);
                w.WriteNumber("max", p.RangeMax);
                w.WriteEndObject();
                w.WriteStartArray("levels");
                foreach (var l in p.Levels)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", LevelNames.Kind(l.Kind));
                    w.WriteString("source", LevelNames.Source(l.Source));
                    w.WriteString("direction", LevelNames.Dir(l.Direction));
                    w.WriteNumber("threshold", l.Threshold);
                    w.WriteNumber("restore", l.Restore);
                    w.WriteNumber("onDelayMs", l.OnDelayMs);
                    w.WriteNumber("offDelayMs", l.OffDelayMs);
                    w.WriteBoolean("latching", l.Latching);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("clearHoldMs", ClearHold.DefaultMs(p.Family));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }

    private static void WriteTable(IEnumerable<AlarmProfile> profiles, TextWriter stdout, string lang)
    {
        foreach (var p in profiles)
        {
            string title = lang == "zh" ? p.TitleZh : p.TitleEn;
            stdout.WriteLine($"{p.Id,-22} {Units.Symbol(p.Unit),-6} {title}{(p.Verify ? (lang == "zh" ? "  [待核实]" : "  [verify]") : "")}");
            foreach (var l in p.Levels)
            {
                string op = l.Direction == Direction.High ? "≥" : "<";
                string rop = l.Direction == Direction.High ? "<" : "≥";
                string src = l.Source == LevelSource.Instant ? "" : " " + LevelNames.Source(l.Source).ToUpperInvariant();
                stdout.WriteLine($"    {LevelNames.Kind(l.Kind) + src,-12} {op} {NumberFormat.Format(l.Threshold, 4),-7} restore {rop} {NumberFormat.Format(l.Restore, 4),-7}{(l.Latching ? (lang == "zh" ? " 锁存" : " latching") : "")}");
            }
            stdout.WriteLine($"    {(lang == "zh" ? "依据" : "source")}: {p.Standard}");
            stdout.WriteLine($"    {p.Note}");
        }
    }
}
