using System.Text.Json;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Reads one timeline entry (docs/scenarios.md, "Timeline"): its kind, target and the members that kind takes.</summary>
internal static class TimelineReader
{
    public static TimelineAction? Read(JsonObjectReader o, IdTable ids, long durationMs, PlantDefinition plant)
    {
        if (!o.IsObject) return null;
        var errors = o.Errors;
        long at = o.DurationMs("at", true) ?? 0;
        if (at > durationMs && durationMs > 0) errors.Add(o.Sub("at"), $"{Duration.Format(at)} is after the end of the scenario ({Duration.Format(durationMs)})");
        var kind = o.Choice("action", TimelineAction.Names, true);
        if (kind == null)
        {
            o.Done();
            return null;
        }
        TimelineAction a = kind.Value switch
        {
            ActionKind.Set or ActionKind.Ramp => ReadSetOrRamp(o, ids, at, kind.Value),
            ActionKind.Fault => ReadFault(o, ids, plant, at),
            ActionKind.LoopMilliamps => ReadLoopMilliamps(o, ids, plant, at),
            _ => ReadOther(o, ids, at, kind.Value),
        };
        o.Done();
        return a;
    }

    private static TimelineAction ReadSetOrRamp(JsonObjectReader o, IdTable ids, long at, ActionKind kind)
    {
        var errors = o.Errors;
        string target = o.String("target", true) ?? "";
        string property = o.String("property") ?? "";
        double value = 0;
        bool? boolValue = null;
        long over = 0;
        if (o.TryGet("value", out var v) && (v.ValueKind is JsonValueKind.True or JsonValueKind.False) && kind == ActionKind.Set)
        {
            boolValue = v.GetBoolean();
            if (target.Length > 0 && !ids.Is(target, IdKind.Contact))
                errors.Add(o.Sub("target"), $"true/false can only be set on a contact; '{target}' is not one");
        }
        else
        {
            value = o.Number("value", true) ?? 0;
            if (target.Length > 0 && !ids.Is(target, IdKind.Variable))
                errors.Add(o.Sub("target"), $"no gas or variable '{target}' in the plant");
            else if (property.Length > 0 && !ids.PropertyOk(target, property, out string known))
                errors.Add(o.Sub("property"), $"'{target}' has no property '{property}' (one of {known})");
        }
        if (kind == ActionKind.Ramp)
        {
            over = o.DurationMs("over", true) ?? 0;
            if (over <= 0) errors.Add(o.Sub("over"), "a ramp needs a positive duration");
        }
        return new TimelineAction { Path = o.Path, AtMs = at, Kind = kind, Target = target, Property = property, Value = value, BoolValue = boolValue, OverMs = over };
    }

    private static TimelineAction ReadFault(JsonObjectReader o, IdTable ids, PlantDefinition plant, long at)
    {
        var errors = o.Errors;
        string target = o.String("target", true) ?? "";
        string mode = o.String("mode", true) ?? "";
        double value = 0;
        if (target.Length == 0 || mode.Length == 0) { }
        else if (ids.Is(target, IdKind.Sensor))
        {
            if (!SensorFaultNames.ByName.ContainsKey(mode))
                errors.Add(o.Sub("mode"), $"'{mode}' is not a sensor fault (one of {string.Join(", ", SensorFaultNames.ByName.Keys)})");
            else if (mode is "crc_noise" or "modbus_exception" && plant.Sensors.Find(x => x.Id == target)?.Interface != SensorInterface.Modbus)
                errors.Add(o.Sub("mode"), $"'{mode}' needs a Modbus sensor; '{target}' is a 4–20 mA loop (use open_loop, over_range, comm_loss or stuck)");
        }
        else if (ids.Is(target, IdKind.Relay))
        {
            if (mode is not ("weld_shut" or "stuck_open")) errors.Add(o.Sub("mode"), $"'{mode}' is not a relay fault (weld_shut, stuck_open)");
        }
        else if (ids.Is(target, IdKind.Contact))
        {
            if (mode is not ("unreadable" or "chatter")) errors.Add(o.Sub("mode"), $"'{mode}' is not a contact fault (unreadable, chatter)");
            else if (mode == "chatter")
            {
                value = o.DurationMs("period", true) ?? 0;
                if (value <= 0) errors.Add(o.Sub("period"), "a chatter needs a positive period (how long each bounce lasts)");
            }
        }
        else if (ids.Is(target, IdKind.Bus))
        {
            if (mode is not ("noise" or "disconnected")) errors.Add(o.Sub("mode"), $"'{mode}' is not a bus fault (noise, disconnected)");
            value = o.Number("value", false, 0, 1) ?? 0.05;
        }
        else errors.Add(o.Sub("target"), $"no sensor, relay, contact or bus '{target}' in the plant");
        return new TimelineAction { Path = o.Path, AtMs = at, Kind = ActionKind.Fault, Target = target, Mode = mode, Value = value };
    }

    /// <summary>loop_ma: target (an analog sensor), value in mA (0–30: past NE43's failure-high 21 mA).</summary>
    private static TimelineAction ReadLoopMilliamps(JsonObjectReader o, IdTable ids, PlantDefinition plant, long at)
    {
        string target = o.String("target", true) ?? "";
        double value = o.Number("value", true, 0, 30) ?? 0;
        if (target.Length > 0 && !ids.Is(target, IdKind.Sensor)) o.Errors.Add(o.Sub("target"), $"no sensor '{target}' in the plant");
        else if (target.Length > 0 && plant.Sensors.Find(x => x.Id == target)?.Interface != SensorInterface.Analog)
            o.Errors.Add(o.Sub("target"), $"'{target}' is a Modbus sensor; loop_ma needs a 4–20 mA loop");
        return new TimelineAction { Path = o.Path, AtMs = at, Kind = ActionKind.LoopMilliamps, Target = target, Value = value };
    }

    private static TimelineAction ReadOther(JsonObjectReader o, IdTable ids, long at, ActionKind kind)
    {
        var errors = o.Errors;
        string target = "", card = "", text = "";
        long forMs = 0, jumpMs = 0;
        bool? boolValue = null;
        JsonElement payload = default;
        switch (kind)
        {
            case ActionKind.Restore:
                target = o.String("target", true) ?? "";
                if (target.Length > 0 && !(ids.Is(target, IdKind.Sensor) || ids.Is(target, IdKind.Relay) || ids.Is(target, IdKind.Contact) || ids.Is(target, IdKind.Bus)))
                    errors.Add(o.Sub("target"), $"no sensor, relay, contact or bus '{target}' in the plant");
                break;
            case ActionKind.TapCard:
                target = o.String("reader", true) ?? "";
                card = o.String("card", true) ?? "";
                if (target.Length > 0 && !ids.Is(target, IdKind.CardReader)) errors.Add(o.Sub("reader"), $"no card reader '{target}' in plant.cardReaders");
                break;
            case ActionKind.PressEstop:
            case ActionKind.ReleaseEstop:
                target = o.String("target", true) ?? "";
                if (target.Length > 0 && !ids.Is(target, IdKind.Contact)) errors.Add(o.Sub("target"), $"no contact '{target}' in plant.contacts");
                break;
            case ActionKind.PressReset:
                target = o.String("target") ?? "all";
                break;
            case ActionKind.PowerCut:
                forMs = o.DurationMs("for", true) ?? 0;
                break;
            case ActionKind.PushPermit:
                if (o.TryGet("permit", out var permit)) payload = permit.Clone();
                else errors.Add(o.Sub("permit"), "is required");
                break;
            case ActionKind.Command:
                if (o.TryGet("command", out var cmd)) payload = cmd.Clone();
                else errors.Add(o.Sub("command"), "is required");
                break;
            case ActionKind.Note:
                text = o.String("text", true) ?? "";
                break;
            case ActionKind.ProofTest:
                target = o.String("zone", true) ?? "";
                break;
            case ActionKind.SetClock:
                jumpMs = ReadClockJump(o, out boolValue);
                break;
        }
        return new TimelineAction { Path = o.Path, AtMs = at, Kind = kind, Target = target, Card = card, ForMs = forMs, Payload = payload, Text = text, JumpMs = jumpMs, BoolValue = boolValue };
    }

    /// <summary>set_clock: "jump" a signed duration ("-2h", "+30min"), "trusted" true/false; at least one.</summary>
    private static long ReadClockJump(JsonObjectReader o, out bool? trusted)
    {
        trusted = o.Bool("trusted");
        long jump = 0;
        string? text = o.String("jump");
        if (text != null)
        {
            bool back = text.StartsWith('-');
            string magnitude = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
            if (!Duration.TryParseMs(magnitude, out long ms) || ms == 0)
                o.Errors.Add(o.Sub("jump"), $"'{text}' is not a signed duration (write e.g. -2h to set the clock back, +30min forward)");
            else jump = back ? -ms : ms;
        }
        if (text == null && trusted == null) o.Errors.Add(o.Path, "set_clock needs \"jump\" (e.g. \"-2h\") or \"trusted\" (true/false)");
        return jump;
    }
}
