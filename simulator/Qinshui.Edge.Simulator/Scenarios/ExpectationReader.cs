using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Reads one expectation (docs/scenarios.md, "Expectations").</summary>
internal static class ExpectationReader
{
    public static Expectation? Read(JsonObjectReader o, IdTable ids, long durationMs)
    {
        if (!o.IsObject) return null;
        var errors = o.Errors;
        string id = o.String("id", true) ?? "";
        string description = o.String("description") ?? "";
        Expectation? x = null;
        if (o.Has("when") || o.Has("then"))
        {
            var when = ReadConditionProperty(o, "when", ids);
            var then = ReadConditionProperty(o, "then", ids);
            long within = o.DurationMs("within", true) ?? 0;
            if (when != null && then != null)
                x = new Expectation { Id = id, Path = o.Path, Description = description, Kind = ExpectationKind.Within, When = when, Then = then, WithinMs = within };
        }
        else if (o.Has("eventually"))
        {
            var c = ReadConditionProperty(o, "eventually", ids);
            long? by = o.DurationMs("by");
            if (c != null) x = new Expectation { Id = id, Path = o.Path, Description = description, Kind = ExpectationKind.Eventually, Condition = c, ByMs = by };
        }
        else if (o.Has("never") || o.Has("always"))
        {
            bool never = o.Has("never");
            var c = ReadConditionProperty(o, never ? "never" : "always", ids);
            long from = o.DurationMs("from") ?? 0;
            long? until = o.DurationMs("until");
            if (c != null)
                x = new Expectation { Id = id, Path = o.Path, Description = description, Kind = never ? ExpectationKind.Never : ExpectationKind.Always, Condition = c, FromMs = from, UntilMs = until };
        }
        else if (o.Has("check"))
        {
            string check = o.String("check", true) ?? "";
            if (!Expectation.Checks.ContainsKey(check))
                errors.Add(o.Sub("check"), $"unknown check '{check}' (one of {string.Join(", ", Expectation.Checks.Keys)})");
            else x = new Expectation { Id = id, Path = o.Path, Description = description, Kind = ExpectationKind.Check, Check = check };
        }
        else if (o.Has("count"))
        {
            x = ReadCount(o, ids, id, description);
        }
        else if (o.Has("reply"))
        {
            o.TryGet("reply", out var re);
            var rr = new JsonObjectReader(re, o.Sub("reply"), errors);
            string command = rr.String("command", true) ?? "";
            bool? accepted = rr.Bool("accepted");
            string? refused = rr.String("refused");
            rr.Done();
            if (accepted == null && refused == null) errors.Add(o.Sub("reply"), "say \"accepted\": true or \"refused\": \"reason_code\"");
            x = new Expectation
            {
                Id = id, Path = o.Path, Description = description, Kind = ExpectationKind.Reply, CommandId = command,
                ReplyAccepted = accepted ?? false, ReplyReason = refused ?? "",
            };
        }
        else if (o.IsObject)
        {
            errors.Add(o.Path, "an expectation needs one of: when/then/within, eventually, never, always, check, reply, count");
        }
        o.Done();
        return x;
    }

    /// <summary>count: {event…} | {message: kind} | any condition (its rising edges), from/until, atMost.</summary>
    private static Expectation? ReadCount(JsonObjectReader o, IdTable ids, string id, string description)
    {
        long from = o.DurationMs("from") ?? 0;
        long? until = o.DurationMs("until");
        int? atMost = o.Int("atMost", true, 0, int.MaxValue);
        if (until is long u && u <= from) o.Errors.Add(o.Sub("until"), $"the window is empty: until {Duration.Format(u)} is not after from {Duration.Format(from)}");
        o.TryGet("count", out var ce);
        string message = "";
        Condition? c = null;
        if (ce.ValueKind == JsonValueKind.Object && ce.TryGetProperty("message", out _))
        {
            var mr = new JsonObjectReader(ce, o.Sub("count"), o.Errors);
            message = mr.String("message", true) ?? "";
            if (message.Length > 0 && !s_messageKinds.Contains(message))
                o.Errors.Add(o.Sub("count") + ".message", $"'{message}' is not a message kind (one of {string.Join(", ", s_messageKinds)})");
            mr.Done();
        }
        else c = ConditionReader.Read(ce, o.Sub("count"), o.Errors, ids);
        if ((c == null && message.Length == 0) || atMost == null) return null;
        return new Expectation
        {
            Id = id, Path = o.Path, Description = description, Kind = ExpectationKind.Count, Condition = c, MessageKind = message,
            FromMs = from, UntilMs = until, AtMost = atMost.Value,
        };
    }

    private static readonly string[] s_messageKinds = { "birth", "meta", "data", "alarm", "event", "state", "health", "reply" };

    private static Condition? ReadConditionProperty(JsonObjectReader o, string name, IdTable ids)
    {
        if (!o.TryGet(name, out var e))
        {
            o.Errors.Add(o.Sub(name), "is required");
            return null;
        }
        return ConditionReader.Read(e, o.Sub(name), o.Errors, ids);
    }
}
