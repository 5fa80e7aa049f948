using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Plant.Modbus;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The short form of a scenario's gateway section (docs/scenarios.md, "Short form"), expanded into a full
/// gateway configuration (docs/schemas/gateway-config.schema.json) for the real gateway:
/// <c>channels[] {id, profile?|levels?, sensor, pollInterval?, maxAge?}</c> become channels whose
/// source is the sensor's 4–20 mA loop (analogInputs) or its Modbus slave (a bus device of the
/// simulator's transmitter profile); <c>outputs[] {id, relay, trippedBy[], requires[]?}</c> become
/// one zone each: the relay as its permissive output (with the relay's feedback contact), the
/// trippedBy channels at permit level "trip", a camera contact in requires as the zone's
/// monitoring input (无监控不作业), an E-stop contact as an emergency-stop input (inverted: the
/// circuit is closed while released), any other contact as a fault input (active = fault).
/// </summary>
public static class ShortGatewayConfig
{
    public static JsonObject Build(JsonObjectReader root, PlantModel plant, ScenarioErrors errors)
    {
        string site = root.String("site") ?? "sim-site";
        string gw = root.String("id") ?? "gw-sim";
        long settle = root.DurationMs("settle") ?? 2000;
        long? linkGrace = root.DurationMs("platformLinkGrace");
        var channels = new JsonArray();
        var analog = new JsonArray();
        var busDevices = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        var channelIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, path) in root.Array("channels"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? profile = o.String("profile");
            string? sensorId = o.String("sensor", true);
            long poll = o.DurationMs("pollInterval") ?? 1000;
            long? maxAge = o.DurationMs("maxAge");
            int? maxInhibitMs = o.Int("maxInhibitMs", false, 0, int.MaxValue);
            JsonArray? levels = o.Has("levels") ? ReadLevels(o, errors) : null;
            o.Has("name");
            o.Done();
            if (id == null || sensorId == null) continue;
            if (!plant.TryGetSensor(sensorId, out var sensor))
            {
                errors.Add(path + ".sensor", $"no sensor '{sensorId}' in plant.sensors");
                continue;
            }
            if (profile == null && levels == null)
            {
                errors.Add(path, "give a profile, or site levels for a quantity without a national profile (dust collectors, GB 15577)");
                continue;
            }
            channelIds.Add(id);
            var ch = new JsonObject { ["id"] = id };
            if (profile != null) ch["profile"] = profile;
            else ch["unit"] = Units.Symbol(sensor.Spec.Unit);
            ch["range"] = new JsonObject { ["min"] = sensor.Spec.RangeMin, ["max"] = sensor.Spec.RangeMax };
            if (levels != null) ch["levels"] = levels;
            if (maxAge is long a) ch["maxAgeMs"] = a;
            if (maxInhibitMs is int mi) ch["maxInhibitMs"] = mi;
            if (sensor.Spec.Interface == SensorInterface.Modbus)
            {
                if (!busDevices.TryGetValue(sensor.Spec.Bus!, out var devs)) busDevices[sensor.Spec.Bus!] = devs = new JsonArray();
                devs.Add(new JsonObject { ["name"] = sensorId, ["unit"] = sensor.Spec.SlaveAddress, ["profile"] = SensorRegisterMap.ProfileId, ["pollIntervalMs"] = poll });
                ch["source"] = new JsonObject { ["bus"] = sensor.Spec.Bus, ["device"] = sensorId, ["point"] = SensorRegisterMap.ValuePoint };
                if (maxAge == null) ch["maxAgeMs"] = Math.Max(5000, 5 * poll);
            }
            else
            {
                analog.Add(sensorId);
                ch["source"] = new JsonObject { ["analog"] = sensorId };
            }
            channels.Add(ch);
        }

        var outputs = new JsonArray();
        var inputs = new JsonArray();
        var inputIds = new HashSet<string>(StringComparer.Ordinal);
        var zones = new JsonArray();
        void AddInput(string id, bool inverted)
        {
            if (!inputIds.Add(id)) return;
            var i = new JsonObject { ["id"] = id };
            if (inverted) i["inverted"] = true;
            inputs.Add(i);
        }
        foreach (var (e, path) in root.Array("outputs"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? relay = o.String("relay", true);
            var zone = new JsonObject { ["id"] = id, ["channels"] = ZoneChannels(o, channelIds, errors), ["outputs"] = new JsonArray(relay), ["settleMs"] = settle };
            // The dust collector's conditions, as the full form writes them (docs/configuration.md):
            // passed through; the core's reader judges them.
            if (o.TryGet("collector", out var collector))
            {
                zone["collector"] = JsonNode.Parse(collector.GetRawText());
                if (collector.ValueKind == JsonValueKind.Object && collector.TryGetProperty("airlockFaultInput", out var airlock) && airlock.ValueKind == JsonValueKind.String)
                    AddInput(airlock.GetString()!, false);
                // The spark detector's contact is normally closed: a cut wire reads as a spark (de-energise to trip).
                if (collector.ValueKind == JsonValueKind.Object && collector.TryGetProperty("sparkDetectorInput", out var spark) && spark.ValueKind == JsonValueKind.String)
                    AddInput(spark.GetString()!, true);
            }
            var estops = new JsonArray();
            foreach (var (re, rp) in o.Array("requires"))
            {
                string? c = re.ValueKind == JsonValueKind.String ? re.GetString() : null;
                if (c == null || !plant.TryGetContact(c, out var contact))
                {
                    errors.Add(rp, $"no contact '{c}' in plant.contacts");
                    continue;
                }
                switch (contact.Kind)
                {
                    case ContactKind.Camera:
                        AddInput(c, false);
                        zone["monitoringInput"] = c;
                        break;
                    case ContactKind.EmergencyStop:
                        AddInput(c, true);
                        estops.Add(c);
                        break;
                    default:
                        // A plain contact required active: inverted so that "active" at the zone means the fault.
                        AddInput(c, true);
                        estops.Add(c);
                        break;
                }
            }
            if (estops.Count > 0) zone["emergencyStopInputs"] = estops;
            if (linkGrace is long g) zone["platformLinkGraceMs"] = g;
            o.Done();
            if (id == null || relay == null) continue;
            if (!plant.TryGetRelay(relay, out _))
            {
                errors.Add(path + ".relay", $"no relay '{relay}' in plant.relays");
                continue;
            }
            AddInput(relay + PlantGatewayPorts.FeedbackSuffix, false);
            outputs.Add(new JsonObject { ["id"] = relay, ["feedbackInput"] = relay + PlantGatewayPorts.FeedbackSuffix });
            zones.Add(zone);
        }

        var buses = new JsonArray();
        foreach (var (bus, devs) in busDevices)
        {
            plant.TryGetBus(bus, out var b);
            buses.Add(new JsonObject { ["id"] = bus, ["port"] = bus, ["baud"] = b?.BaudRate ?? 9600, ["devices"] = devs });
        }
        var config = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["site"] = new JsonObject { ["id"] = site },
            ["gateway"] = new JsonObject { ["id"] = gw },
            ["mqtt"] = new JsonObject { ["dataBatchIntervalMs"] = 1000, ["healthIntervalMs"] = 60000 },
        };
        if (buses.Count > 0)
        {
            config["deviceProfiles"] = new JsonArray(JsonNode.Parse(SensorRegisterMap.ProfileJson));
            config["buses"] = buses;
        }
        if (analog.Count > 0) config["analogInputs"] = analog;
        config["channels"] = channels;
        config["interlocks"] = new JsonObject { ["outputs"] = outputs, ["inputs"] = inputs, ["zones"] = zones };
        // Left to the full form (gateway.config): welding, confined spaces, proof tests.
        foreach (var name in new[] { "zones", "welding", "mqtt", "journal", "permits", "cards", "timing", "scanInterval", "key" }) root.Has(name);
        root.Done();
        return config;
    }

    /// <summary>
    /// trippedBy: channel ids, or objects as the full form's zone channels ({channel, permitLevel?,
    /// limit?, limitStandard?}); permitLevel (default "trip") applies to the plain ids.
    /// </summary>
    private static JsonArray ZoneChannels(JsonObjectReader o, HashSet<string> channelIds, ScenarioErrors errors)
    {
        string level = o.String("permitLevel") ?? "trip";
        if (!s_kinds.ContainsKey(level)) errors.Add(o.Sub("permitLevel"), $"'{level}' is not one of {string.Join(", ", s_kinds.Keys)}");
        var zoneChannels = new JsonArray();
        foreach (var (te, tp) in o.Array("trippedBy"))
        {
            if (te.ValueKind == JsonValueKind.Object)
            {
                var t = new JsonObjectReader(te, tp, errors);
                string? id = t.String("channel", true);
                var entry = new JsonObject { ["channel"] = id, ["permitLevel"] = t.String("permitLevel") ?? level };
                if (t.Number("limit") is double limit) entry["limit"] = limit;
                if (t.String("limitStandard") is string standard) entry["limitStandard"] = standard;
                t.Done();
                if (id != null && !channelIds.Contains(id)) errors.Add(tp + ".channel", $"no channel '{id}' in gateway.channels");
                else if (id != null) zoneChannels.Add(entry);
                continue;
            }
            string? ch = te.ValueKind == JsonValueKind.String ? te.GetString() : null;
            if (ch == null || !channelIds.Contains(ch)) errors.Add(tp, $"no channel '{ch}' in gateway.channels");
            else zoneChannels.Add(new JsonObject { ["channel"] = ch, ["permitLevel"] = level });
        }
        return zoneChannels;
    }

    private static readonly Dictionary<string, string> s_kinds = new(StringComparer.Ordinal)
    {
        ["warning"] = "warning", ["alarm"] = "alarm", ["trip"] = "trip", ["trip2"] = "trip2",
    };

    private static readonly Dictionary<string, string> s_directions = new(StringComparer.Ordinal) { ["high"] = "high", ["low"] = "low" };

    /// <summary>Site-defined levels: {kind, direction, threshold, restore, onDelay?, offDelay?, latching}.</summary>
    private static JsonArray ReadLevels(JsonObjectReader channel, ScenarioErrors errors)
    {
        var levels = new JsonArray();
        foreach (var (e, path) in channel.Array("levels"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string kind = o.String("kind", true) ?? "alarm";
            string dir = o.String("direction") ?? "high";
            if (!s_kinds.ContainsKey(kind)) errors.Add(path + ".kind", $"'{kind}' is not one of {string.Join(", ", s_kinds.Keys)}");
            if (!s_directions.ContainsKey(dir)) errors.Add(path + ".direction", $"'{dir}' is not high or low");
            double threshold = o.Number("threshold", true) ?? 0;
            double restore = o.Number("restore") ?? threshold;
            long on = o.DurationMs("onDelay") ?? 0;
            long off = o.DurationMs("offDelay") ?? 0;
            bool latching = o.Bool("latching") ?? true;
            o.Done();
            levels.Add(new JsonObject
            {
                ["kind"] = kind, ["direction"] = dir, ["threshold"] = threshold, ["restore"] = restore,
                ["onDelayMs"] = on, ["offDelayMs"] = off, ["latching"] = latching,
            });
        }
        return levels;
    }
}
