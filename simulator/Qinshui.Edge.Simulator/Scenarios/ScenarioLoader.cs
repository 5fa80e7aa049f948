using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>
/// Loads a scenario file strictly: every unknown property, wrong type, bad duration, unknown id
/// and out-of-range value is reported with its JSON path, all at once (docs/scenarios.md).
/// </summary>
public static class ScenarioLoader
{
    public static Scenario LoadFile(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioLoadException(new[] { new ScenarioError(path, "(file)", e.Message) });
        }
        return Parse(text, path);
    }

    public static Scenario Parse(string json, string file)
    {
        var errors = new ScenarioErrors(file);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ScenarioLoadException(new[] { new ScenarioError(file, $"line {e.LineNumber + 1}", "not valid JSON: " + e.Message) });
        }
        using (doc)
        {
            var scenario = Read(doc.RootElement, file, errors);
            if (errors.Count > 0) throw new ScenarioLoadException(errors.List);
            return scenario!;
        }
    }

    private static Scenario? Read(JsonElement root, string file, ScenarioErrors errors)
    {
        var r = new JsonObjectReader(root, "", errors);
        if (!r.IsObject) return null;
        string name = r.String("name", required: true) ?? "";
        string description = r.String("description") ?? "";
        int seed = r.Int("seed") ?? 1;
        long duration = r.DurationMs("duration", required: true) ?? 0;
        long step = r.DurationMs("step") ?? 100;
        if (step <= 0 || step > 10_000) errors.Add("step", "must be between 1ms and 10s");
        if (duration > 0 && duration < step) errors.Add("duration", "is shorter than one step");
        long startUtc = 1_795_852_800_000; // 2026-11-28T00:00:00Z
        string? start = r.String("startUtc");
        if (start != null)
        {
            if (DateTimeOffset.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var dto))
                startUtc = dto.ToUnixTimeMilliseconds();
            else errors.Add("startUtc", $"'{start}' is not an ISO 8601 time (e.g. 2026-11-28T08:00:00Z)");
        }
        JsonElement gateway = default;
        if (r.TryGet("gateway", out var g))
        {
            if (g.ValueKind != JsonValueKind.Object) errors.Add("gateway", $"expected an object, found {JsonObjectReader.Describe(g)}");
            else gateway = g.Clone();
        }
        else errors.Add("gateway", "is required (the gateway's configuration for this scenario)");

        var plant = new PlantDefinition();
        var ids = new IdTable(errors);
        if (r.TryGet("plant", out var p)) ReadPlant(new JsonObjectReader(p, "plant", errors), plant, ids);
        else errors.Add("plant", "is required");

        var scenario = new Scenario
        {
            File = file, Name = name, Description = description, Seed = seed, DurationMs = duration, StepMs = step,
            StartUtcMs = startUtc, Gateway = gateway, Plant = plant,
        };
        foreach (var (e, path) in r.Array("timeline"))
        {
            var a = ReadAction(new JsonObjectReader(e, path, errors), ids, duration, plant);
            if (a != null) scenario.Timeline.Add(a);
        }
        var expIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, path) in r.Array("expectations"))
        {
            var x = ReadExpectation(new JsonObjectReader(e, path, errors), ids, duration);
            if (x == null) continue;
            if (!expIds.Add(x.Id)) errors.Add(path + ".id", $"expectation id '{x.Id}' is used twice");
            scenario.Expectations.Add(x);
        }
        r.Done();
        // Channel ids come from the gateway section; conditions naming channels are checked by the
        // gateway factory's validation. Here: plant ids.
        // Stable: actions at the same time keep the order they are written in.
        var ordered = scenario.Timeline.OrderBy(a => a.AtMs).ToList();
        scenario.Timeline.Clear();
        scenario.Timeline.AddRange(ordered);
        return scenario;
    }

    private static readonly Dictionary<string, ContactKind> s_contactKinds = new(StringComparer.Ordinal)
    {
        ["contact"] = ContactKind.Contact, ["camera"] = ContactKind.Camera, ["nvr"] = ContactKind.Camera, ["estop"] = ContactKind.EmergencyStop,
    };

    private static readonly Dictionary<string, DustCollectorKind> s_collectorKinds = new(StringComparer.Ordinal)
    {
        ["dry"] = DustCollectorKind.Dry, ["wet"] = DustCollectorKind.Wet,
    };

    private static readonly Dictionary<string, SensorInterface> s_interfaces = new(StringComparer.Ordinal)
    {
        ["analog"] = SensorInterface.Analog, ["modbus"] = SensorInterface.Modbus,
    };

    private static void ReadPlant(JsonObjectReader r, PlantDefinition plant, IdTable ids)
    {
        if (!r.IsObject) return;
        var errors = r.Errors;
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var (e, path) in r.Array("gases"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            Unit unit = ReadUnit(o) ?? Unit.PercentVolume;
            double volume = o.Number("volumeM3", true, 0.001) ?? 1;
            double vent = o.Number("ventilationM3PerMin", true, 0) ?? 0;
            double leak = o.Number("leakM3PerMin", false, 0) ?? 0;
            double bg = o.Number("background") ?? 0;
            double lel = o.Number("lelPercentVolume", unit == Unit.PercentLel, 0.1, 100) ?? 5;
            o.Done();
            if (id != null && ids.Add(id, IdKind.Variable, path + ".id"))
            {
                plant.Gases.Add(new GasDefinition(id, unit, volume, vent, leak, bg, lel));
                ids.SetProperties(id, new[] { WellMixedGas.Leak, WellMixedGas.Ventilation, WellMixedGas.Volume, WellMixedGas.Background, WellMixedGas.Concentration });
                units[id] = unit;
            }
        }
        foreach (var (e, path) in r.Array("variables"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            Unit unit = ReadUnit(o) ?? Unit.None;
            double initial = o.Number("initial", true) ?? 0;
            o.Done();
            if (id != null && ids.Add(id, IdKind.Variable, path + ".id"))
            {
                plant.Variables.Add((id, unit, initial));
                units[id] = unit;
            }
        }
        foreach (var (e, path) in r.Array("dustCollectors"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            var kind = o.Choice("kind", s_collectorKinds, true) ?? DustCollectorKind.Dry;
            double dp = o.Number("dpPa", kind == DustCollectorKind.Dry, 0) ?? 0;
            double temp = o.Number("hopperTempC", kind == DustCollectorKind.Dry) ?? 0;
            double level = o.Number("levelMm", kind == DustCollectorKind.Wet, 0) ?? 0;
            double flow = o.Number("flowM3PerHour", kind == DustCollectorKind.Wet, 0) ?? 0;
            o.Done();
            if (id == null || !ids.Add(id, IdKind.Collector, path + ".id")) continue;
            plant.DustCollectors.Add((id, kind, dp, temp, level, flow));
            var dc = new DustCollector(id, kind, dp, temp, level, flow);
            foreach (var v in dc.Variables)
            {
                ids.Add(v.Id, IdKind.Variable, path);
                units[v.Id] = v.Unit;
            }
            if (dc.AirlockFault != null) ids.Add(dc.AirlockFault.Id, IdKind.Contact, path);
        }
        foreach (var (e, path) in r.Array("buses"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            int baud = o.Int("baud", true, 300, 1_000_000) ?? 9600;
            o.Done();
            if (id != null && ids.Add(id, IdKind.Bus, path + ".id")) plant.Buses.Add((id, baud));
        }
        foreach (var (e, path) in r.Array("sensors"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? measures = o.String("measures", true);
            Unit? unit = ReadUnit(o);
            double min = o.Number("rangeMin") ?? 0;
            double max = o.Number("rangeMax", true) ?? 100;
            if (max <= min) errors.Add(path + ".rangeMax", "must be above rangeMin");
            long t90 = o.DurationMs("t90") ?? 30_000;
            double noise = o.Number("noise", false, 0) ?? 0;
            double drift = o.Number("driftPerHour") ?? 0;
            long warm = o.DurationMs("warmUp") ?? 0;
            var iface = o.Choice("interface", s_interfaces) ?? SensorInterface.Analog;
            string? bus = o.String("bus", iface == SensorInterface.Modbus);
            int address = o.Int("address", iface == SensorInterface.Modbus, 1, 247) ?? 0;
            o.Done();
            if (measures != null && !ids.Is(measures, IdKind.Variable))
                errors.Add(path + ".measures", $"no gas or variable '{measures}' in the plant");
            if (bus != null && !ids.Is(bus, IdKind.Bus)) errors.Add(path + ".bus", $"no bus '{bus}' in plant.buses");
            Unit u = unit ?? (measures != null && units.TryGetValue(measures, out var mu) ? mu : Unit.None);
            if (measures != null && units.TryGetValue(measures, out var vu) && unit != null && vu != unit)
                errors.Add(path + ".unit", $"the sensor measures '{measures}' in {Units.Symbol(vu)}, not {Units.Symbol(unit.Value)}");
            if (id != null && measures != null && ids.Add(id, IdKind.Sensor, path + ".id"))
            {
                plant.Sensors.Add(new SensorSpec
                {
                    Id = id, Measures = measures, Unit = u, RangeMin = min, RangeMax = max, T90Ms = t90, NoiseSd = noise,
                    DriftPerHour = drift, WarmUpMs = warm, Interface = iface, Bus = bus, SlaveAddress = address,
                });
            }
        }
        foreach (var (e, path) in r.Array("contacts"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            var kind = o.Choice("kind", s_contactKinds) ?? ContactKind.Contact;
            bool active = o.Bool("active") ?? (kind != ContactKind.Contact);
            o.Done();
            if (id != null && ids.Add(id, IdKind.Contact, path + ".id")) plant.Contacts.Add((id, kind, active));
        }
        foreach (var (e, path) in r.Array("relays"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            o.Done();
            if (id != null && ids.Add(id, IdKind.Relay, path + ".id")) plant.Relays.Add(id);
        }
        foreach (var (e, path) in r.Array("cardReaders"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            o.Done();
            if (id != null && ids.Add(id, IdKind.CardReader, path + ".id")) plant.CardReaders.Add(id);
        }
        foreach (var (e, path) in r.Array("weldingMachines"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? bus = o.String("bus", true);
            int address = o.Int("address", true, 1, 247) ?? 1;
            var codes = new List<string>();
            foreach (var (ce, cp) in o.Array("codes"))
            {
                if (ce.ValueKind == JsonValueKind.String && ce.GetString()!.Length is > 0 and <= 16) codes.Add(ce.GetString()!);
                else errors.Add(cp, "an identity code is a string of 1–16 ASCII characters");
            }
            if (codes.Count == 0) errors.Add(path + ".codes", "give the chip's identity code (and alternatives the timeline may select with {id}.codeIndex)");
            int model = o.Int("model", false, 0, 65535) ?? 400;
            string? relay = o.String("enableRelay", true);
            o.Done();
            if (bus != null && !ids.Is(bus, IdKind.Bus)) errors.Add(path + ".bus", $"no bus '{bus}' in plant.buses");
            if (relay != null && !ids.Is(relay, IdKind.Relay)) errors.Add(path + ".enableRelay", $"no relay '{relay}' in plant.relays");
            if (id == null || bus == null || relay == null || codes.Count == 0) continue;
            plant.WeldingMachines.Add((id, bus, address, codes.ToArray(), model, relay));
            foreach (var v in new[] { ".arcDemandA", ".tamper", ".codeIndex" })
            {
                ids.Add(id + v, IdKind.Variable, path);
                units[id + v] = v == ".arcDemandA" ? Unit.Amps : Unit.None;
            }
        }
        r.Done();
    }

    private static Unit? ReadUnit(JsonObjectReader o)
    {
        string? s = o.String("unit");
        if (s == null) return null;
        if (Units.TryParse(s, out var u) && u != Unit.None) return u;
        var known = Enumerable.Range(1, 13).Select(i => Units.Symbol((Unit)i));
        o.Errors.Add(o.Sub("unit"), $"unknown unit '{s}' (one of {string.Join(", ", known)})");
        return null;
    }

    private static TimelineAction? ReadAction(JsonObjectReader o, IdTable ids, long durationMs, PlantDefinition plant)
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
        string target = "", property = "", mode = "", card = "", text = "";
        double value = 0;
        bool? boolValue = null;
        long over = 0, forMs = 0, jumpMs = 0;
        JsonElement payload = default;
        switch (kind.Value)
        {
            case ActionKind.Set:
            case ActionKind.Ramp:
            {
                target = o.String("target", true) ?? "";
                property = o.String("property") ?? "";
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
                break;
            }
            case ActionKind.Fault:
            {
                target = o.String("target", true) ?? "";
                mode = o.String("mode", true) ?? "";
                if (target.Length == 0 || mode.Length == 0) break;
                if (ids.Is(target, IdKind.Sensor))
                {
                    if (!SensorFaultNames.ByName.ContainsKey(mode))
                        errors.Add(o.Sub("mode"), $"'{mode}' is not a sensor fault (one of {string.Join(", ", SensorFaultNames.ByName.Keys)})");
                    else if (mode is "crc_noise" or "modbus_exception" && plant.Sensors.Find(x => x.Id == target)?.Interface != SensorInterface.Modbus)
                        errors.Add(o.Sub("mode"), $"'{mode}' needs a Modbus sensor; '{target}' is a 4–20 mA loop (use open_loop, over_range, comm_loss or stuck)");
                }
                else if (ids.Is(target, IdKind.Relay))
                {
                    if (mode != "weld_shut") errors.Add(o.Sub("mode"), $"'{mode}' is not a relay fault (weld_shut)");
                }
                else if (ids.Is(target, IdKind.Contact))
                {
                    if (mode != "unreadable") errors.Add(o.Sub("mode"), $"'{mode}' is not a contact fault (unreadable)");
                }
                else if (ids.Is(target, IdKind.Bus))
                {
                    if (mode is not ("noise" or "disconnected")) errors.Add(o.Sub("mode"), $"'{mode}' is not a bus fault (noise, disconnected)");
                    value = o.Number("value", false, 0, 1) ?? 0.05;
                }
                else errors.Add(o.Sub("target"), $"no sensor, relay, contact or bus '{target}' in the plant");
                break;
            }
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
            case ActionKind.SetClock:
                jumpMs = ReadClockJump(o, out boolValue);
                break;
        }
        o.Done();
        return new TimelineAction
        {
            Path = o.Path, AtMs = at, Kind = kind.Value, Target = target, Property = property, Value = value, BoolValue = boolValue,
            OverMs = over, Mode = mode, Card = card, ForMs = forMs, Payload = payload, Text = text, JumpMs = jumpMs,
        };
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

    private static Expectation? ReadExpectation(JsonObjectReader o, IdTable ids, long durationMs)
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
        return ReadCondition(e, o.Sub(name), o.Errors, ids);
    }

    private static readonly string[] s_levelStates = { "normal", "pending", "active", "cleared_awaiting_reset", "fault", "inhibited", "tripping" };

    public static Condition? ReadCondition(JsonElement e, string path, ScenarioErrors errors, IdTable ids)
    {
        var o = new JsonObjectReader(e, path, errors);
        if (!o.IsObject) return null;
        Condition? c = null;
        if (o.Has("all") || o.Has("any"))
        {
            bool all = o.Has("all");
            c = new Condition { Kind = all ? ConditionKind.All : ConditionKind.Any };
            foreach (var (ce, cp) in o.Array(all ? "all" : "any", true))
            {
                var child = ReadCondition(ce, cp, errors, ids);
                if (child != null) c.Children.Add(child);
            }
        }
        else if (o.TryGet("not", out var ne))
        {
            var child = ReadCondition(ne, o.Sub("not"), errors, ids);
            if (child != null)
            {
                c = new Condition { Kind = ConditionKind.Not };
                c.Children.Add(child);
            }
        }
        else if (o.Has("reading") || o.Has("plant") || o.Has("sensor"))
        {
            var kind = o.Has("reading") ? ConditionKind.Reading : o.Has("plant") ? ConditionKind.PlantValue : ConditionKind.SensorValue;
            string key = kind == ConditionKind.Reading ? "reading" : kind == ConditionKind.PlantValue ? "plant" : "sensor";
            string subject = o.String(key, true) ?? "";
            if (kind == ConditionKind.PlantValue && subject.Length > 0 && !ids.Is(subject, IdKind.Variable))
                errors.Add(o.Sub(key), $"no gas or variable '{subject}' in the plant");
            if (kind == ConditionKind.SensorValue && subject.Length > 0 && !ids.Is(subject, IdKind.Sensor))
                errors.Add(o.Sub(key), $"no sensor '{subject}' in the plant");
            var (op, value) = ReadComparison(o);
            c = new Condition { Kind = kind, Subject = subject, Op = op, Value = value };
        }
        else if (o.Has("level"))
        {
            string level = o.String("level", true) ?? "";
            int dot = level.LastIndexOf('.');
            if (dot <= 0) errors.Add(o.Sub("level"), $"'{level}' should be CHANNEL.LEVEL, e.g. ch4-face.trip");
            string state = o.String("is", true) ?? "";
            if (state.Length > 0 && !s_levelStates.Contains(state)) errors.Add(o.Sub("is"), $"'{state}' is not one of {string.Join(", ", s_levelStates)}");
            c = new Condition { Kind = ConditionKind.Level, Subject = dot > 0 ? level[..dot] : level, Detail = dot > 0 ? level[(dot + 1)..] : "", Is = state };
        }
        else if (o.Has("quality"))
        {
            string ch = o.String("quality", true) ?? "";
            string state = o.String("is", true) ?? "";
            var known = new List<string> { "good", "bad" };
            for (int i = 0; i < QualityRules.FlagCount; i++) known.Add(QualityRules.FlagName(i));
            if (state.Length > 0 && !known.Contains(state)) errors.Add(o.Sub("is"), $"'{state}' is not one of {string.Join(", ", known)}");
            c = new Condition { Kind = ConditionKind.Quality, Subject = ch, Is = state };
        }
        else if (o.Has("output") || o.Has("load"))
        {
            bool output = o.Has("output");
            string relay = o.String(output ? "output" : "load", true) ?? "";
            if (relay.Length > 0 && !ids.Is(relay, IdKind.Relay)) errors.Add(o.Sub(output ? "output" : "load"), $"no relay '{relay}' in plant.relays");
            string state = o.String("is", true) ?? "";
            string[] allowed = output ? new[] { "on", "off" } : new[] { "powered", "unpowered" };
            if (state.Length > 0 && !allowed.Contains(state)) errors.Add(o.Sub("is"), $"'{state}' is not one of {string.Join(", ", allowed)}");
            c = new Condition { Kind = output ? ConditionKind.Output : ConditionKind.Load, Subject = relay, Is = state };
        }
        else if (o.Has("contact"))
        {
            string id = o.String("contact", true) ?? "";
            if (id.Length > 0 && !ids.Is(id, IdKind.Contact)) errors.Add(o.Sub("contact"), $"no contact '{id}' in the plant");
            string state = o.String("is", true) ?? "";
            if (state.Length > 0 && state is not ("active" or "inactive")) errors.Add(o.Sub("is"), $"'{state}' is not one of active, inactive");
            c = new Condition { Kind = ConditionKind.Contact, Subject = id, Is = state };
        }
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
        else if (o.Has("at"))
        {
            long at = o.DurationMs("at", true) ?? 0;
            c = new Condition { Kind = ConditionKind.At, AtMs = at };
        }
        else
        {
            errors.Add(path, "a condition needs one of: reading, plant, sensor, level, quality, output, load, contact, zone, welding, mqtt, event, at, all, any, not");
        }
        o.Done();
        return c;
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

public enum IdKind
{
    Variable,
    Sensor,
    Contact,
    Relay,
    CardReader,
    Bus,
    Collector,
}

/// <summary>Plant ids seen so far, for duplicate and reference checks.</summary>
public sealed class IdTable(ScenarioErrors errors)
{
    private readonly Dictionary<string, IdKind> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _properties = new(StringComparer.Ordinal);

    public bool Add(string id, IdKind kind, string path)
    {
        if (id.Length == 0)
        {
            errors.Add(path, "must not be empty");
            return false;
        }
        if (!_ids.TryAdd(id, kind))
        {
            errors.Add(path, $"id '{id}' is already used in the plant");
            return false;
        }
        return true;
    }

    public void SetProperties(string id, string[] properties) => _properties[id] = properties;

    public bool Is(string id, IdKind kind) => _ids.TryGetValue(id, out var k) && k == kind;

    public bool PropertyOk(string variable, string property, out string known)
    {
        if (!_properties.TryGetValue(variable, out var props))
            props = new[] { SetPointVariable.ValueProperty };
        known = string.Join(", ", props);
        return props.Contains(property);
    }
}
