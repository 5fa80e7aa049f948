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
            errors.Add(o.Path, "an expectation needs one of: when/then/within, eventually, never, always, check, reply");
        }
        o.Done();
        return x;
    }

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
