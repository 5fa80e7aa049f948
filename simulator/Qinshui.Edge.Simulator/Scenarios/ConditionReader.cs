using System.Text.Json;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Reads a condition (docs/scenarios.md, "Conditions"): what must hold at a step.</summary>
public static class ConditionReader
{
    private static readonly string[] s_levelStates = { "normal", "pending", "active", "cleared_awaiting_reset", "fault", "inhibited", "tripping" };

    public static Condition? Read(JsonElement e, string path, ScenarioErrors errors, IdTable ids)
    {
        var o = new JsonObjectReader(e, path, errors);
        if (!o.IsObject) return null;
        Condition? c = null;
        if (o.Has("all") || o.Has("any")) c = ReadAllOrAny(o, ids);
        else if (o.TryGet("not", out var ne)) c = ReadNot(o, ne, ids);
        else if (o.Has("reading") || o.Has("plant") || o.Has("sensor")) c = ReadValue(o, ids);
        else if (o.Has("level")) c = ReadLevel(o);
        else if (o.Has("quality")) c = ReadQuality(o);
        else if (o.Has("output") || o.Has("load")) c = ReadOutput(o, ids);
        else if (o.Has("contact")) c = ReadContact(o, ids);
        else if (o.Has("zone") || o.Has("welding"))
        {
            bool zone = o.Has("zone");
            string subject = o.String(zone ? "zone" : "welding", true) ?? "";
            string state = o.String("is", true) ?? "";
            c = new Condition { Kind = zone ? ConditionKind.Zone : ConditionKind.Welding, Subject = subject, Is = state };
        }
        else if (o.Has("mqtt"))
        {
            string state = o.String("mqtt", true) ?? "";
            if (state.Length > 0 && state is not ("connected" or "disconnected")) errors.Add(o.Sub("mqtt"), "is connected or disconnected");
            c = new Condition { Kind = ConditionKind.Mqtt, Is = state };
        }
        else if (o.Has("event"))
        {
            string code = o.String("event", true) ?? "";
            string subject = o.String("subject") ?? "";
            c = new Condition { Kind = ConditionKind.Event, Is = code, Subject = subject };
        }
        else if (o.Has("at")) c = new Condition { Kind = ConditionKind.At, AtMs = o.DurationMs("at", true) ?? 0 };
        else errors.Add(path, "a condition needs one of: reading, plant, sensor, level, quality, output, load, contact, zone, welding, mqtt, event, at, all, any, not");
        o.Done();
        return c;
    }

    private static Condition ReadAllOrAny(JsonObjectReader o, IdTable ids)
    {
        bool all = o.Has("all");
        var c = new Condition { Kind = all ? ConditionKind.All : ConditionKind.Any };
        foreach (var (ce, cp) in o.Array(all ? "all" : "any", true))
        {
            var child = Read(ce, cp, o.Errors, ids);
            if (child != null) c.Children.Add(child);
        }
        return c;
    }

    private static Condition? ReadNot(JsonObjectReader o, JsonElement ne, IdTable ids)
    {
        var child = Read(ne, o.Sub("not"), o.Errors, ids);
        if (child == null) return null;
        var c = new Condition { Kind = ConditionKind.Not };
        c.Children.Add(child);
        return c;
    }

    private static Condition ReadValue(JsonObjectReader o, IdTable ids)
    {
        var kind = o.Has("reading") ? ConditionKind.Reading : o.Has("plant") ? ConditionKind.PlantValue : ConditionKind.SensorValue;
        string key = kind == ConditionKind.Reading ? "reading" : kind == ConditionKind.PlantValue ? "plant" : "sensor";
        string subject = o.String(key, true) ?? "";
        if (kind == ConditionKind.PlantValue && subject.Length > 0 && !ids.Is(subject, IdKind.Variable))
            o.Errors.Add(o.Sub(key), $"no gas or variable '{subject}' in the plant");
        if (kind == ConditionKind.SensorValue && subject.Length > 0 && !ids.Is(subject, IdKind.Sensor))
            o.Errors.Add(o.Sub(key), $"no sensor '{subject}' in the plant");
        var (op, value) = ReadComparison(o);
        return new Condition { Kind = kind, Subject = subject, Op = op, Value = value };
    }

    private static Condition ReadLevel(JsonObjectReader o)
    {
        string level = o.String("level", true) ?? "";
        int dot = level.LastIndexOf('.');
        if (dot <= 0) o.Errors.Add(o.Sub("level"), $"'{level}' should be CHANNEL.LEVEL, e.g. ch4-face.trip");
        string state = o.String("is", true) ?? "";
        if (state.Length > 0 && !s_levelStates.Contains(state)) o.Errors.Add(o.Sub("is"), $"'{state}' is not one of {string.Join(", ", s_levelStates)}");
        return new Condition { Kind = ConditionKind.Level, Subject = dot > 0 ? level[..dot] : level, Detail = dot > 0 ? level[(dot + 1)..] : "", Is = state };
    }

    private static Condition ReadQuality(JsonObjectReader o)
    {
        string ch = o.String("quality", true) ?? "";
        string state = o.String("is", true) ?? "";
        var known = new List<string> { "good", "bad" };
        for (int i = 0; i < QualityRules.FlagCount; i++) known.Add(QualityRules.FlagName(i));
        if (state.Length > 0 && !known.Contains(state)) o.Errors.Add(o.Sub("is"), $"'{state}' is not one of {string.Join(", ", known)}");
        return new Condition { Kind = ConditionKind.Quality, Subject = ch, Is = state };
    }

    private static Condition ReadOutput(JsonObjectReader o, IdTable ids)
    {
        bool output = o.Has("output");
        string relay = o.String(output ? "output" : "load", true) ?? "";
        if (relay.Length > 0 && !ids.Is(relay, IdKind.Relay)) o.Errors.Add(o.Sub(output ? "output" : "load"), $"no relay '{relay}' in plant.relays");
        string state = o.String("is", true) ?? "";
        string[] allowed = output ? new[] { "on", "off" } : new[] { "powered", "unpowered" };
        if (state.Length > 0 && !allowed.Contains(state)) o.Errors.Add(o.Sub("is"), $"'{state}' is not one of {string.Join(", ", allowed)}");
        return new Condition { Kind = output ? ConditionKind.Output : ConditionKind.Load, Subject = relay, Is = state };
    }

    private static Condition ReadContact(JsonObjectReader o, IdTable ids)
    {
        string id = o.String("contact", true) ?? "";
        if (id.Length > 0 && !ids.Is(id, IdKind.Contact)) o.Errors.Add(o.Sub("contact"), $"no contact '{id}' in the plant");
        string state = o.String("is", true) ?? "";
        if (state.Length > 0 && state is not ("active" or "inactive")) o.Errors.Add(o.Sub("is"), $"'{state}' is not one of active, inactive");
        return new Condition { Kind = ConditionKind.Contact, Subject = id, Is = state };
    }

    private static (Comparison, double) ReadComparison(JsonObjectReader o)
    {
        var found = new List<(Comparison, double)>();
        foreach (var (name, op) in new[] { ("gte", Comparison.Gte), ("gt", Comparison.Gt), ("lte", Comparison.Lte), ("lt", Comparison.Lt) })
        {
            double? v = o.Number(name);
            if (v != null) found.Add((op, v.Value));
        }
        if (found.Count != 1)
        {
            o.Errors.Add(o.Path, "give exactly one comparison: gte, gt, lte or lt");
            return (Comparison.None, 0);
        }
        return found[0];
    }
}
