using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// Reads the subset of the gateway section the temporary driver understands:
/// <c>channels[] {id, profile, sensor, pollInterval?, maxAge?, spanMin?, spanMax?}</c> and
/// <c>outputs[] {id, relay, trippedBy[], requires[]?}</c>; other properties (zones, welding, mqtt,
/// journal…) are left to the real gateway and ignored here. Channel configs are checked with the
/// core's ChannelValidator.
/// </summary>
public sealed class AlarmsOnlyGatewayFactory : ISimulatedGatewayFactory
{
    public string Name => "alarms-only";

    public ISimulatedGateway? Create(SimulatedGatewayContext ctx, ScenarioErrors errors)
    {
        var root = new JsonObjectReader(ctx.Config, ctx.ConfigPath, errors);
        if (!root.IsObject) return null;
        var channels = new List<ChannelConfig>();
        var bindings = new List<AlarmsOnlyGateway.ChannelBinding>();
        int before = errors.Count;
        foreach (var (e, path) in root.Array("channels"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? profileId = o.String("profile");
            string? sensorId = o.String("sensor", true);
            long poll = o.DurationMs("pollInterval") ?? 1000;
            long maxAge = o.DurationMs("maxAge") ?? ChannelConfig.DefaultMaxAgeMs;
            double? spanMin = o.Number("spanMin");
            double? spanMax = o.Number("spanMax");
            LevelConfig[]? siteLevels = o.Has("levels") ? ReadLevels(o, errors) : null;
            foreach (var name in new[] { "modbus", "ai", "name" }) o.Has(name); // the real gateway's, tolerated
            o.Done();
            if (id == null || sensorId == null) continue;
            if (!ctx.Plant.TryGetSensor(sensorId, out var sensor))
            {
                errors.Add(path + ".sensor", $"no sensor '{sensorId}' in plant.sensors");
                continue;
            }
            AlarmProfile? profile = null;
            if (profileId != null)
            {
                profile = ProfileCatalog.Find(profileId);
                if (profile == null)
                {
                    errors.Add(path + ".profile", $"unknown alarm profile '{profileId}' (qedge profiles lists them)");
                    continue;
                }
                if (sensor.Spec.Unit != profile.Unit)
                    errors.Add(path + ".sensor", $"sensor '{sensorId}' measures in {Units.Symbol(sensor.Spec.Unit)}, profile {profileId} in {Units.Symbol(profile.Unit)}");
                if (siteLevels != null)
                    errors.Add(path + ".levels", "a channel with a profile takes its levels from it (tightening is the real gateway's config)");
            }
            else if (siteLevels == null)
            {
                errors.Add(path, "give a profile, or site levels for a quantity without a national profile (dust collectors, GB 15577)");
                continue;
            }
            var cfg = profile != null
                ? new ChannelConfig(id, profile.Id, profile.Unit, profile.Levels, (int)maxAge, profile.RangeMin, profile.RangeMax, ChannelConfig.DefaultMaxInhibitMs)
                : new ChannelConfig(id, "", sensor.Spec.Unit, siteLevels!, (int)maxAge, sensor.Spec.RangeMin, sensor.Spec.RangeMax, ChannelConfig.DefaultMaxInhibitMs);
            channels.Add(cfg);
            bindings.Add(new AlarmsOnlyGateway.ChannelBinding
            {
                Sensor = sensor, Input = sensor, PollMs = Math.Max(1, poll),
                SpanMin = spanMin ?? sensor.Spec.RangeMin, SpanMax = spanMax ?? sensor.Spec.RangeMax,
            });
        }
        var validation = new ValidationErrors();
        ChannelValidator.Validate(channels.ToArray(), ctx.ConfigPath + ".channels", validation);
        for (int i = 0; i < validation.Count; i++)
        {
            var v = validation[i];
            if (!v.IsWarning) errors.Add(v.Path, v.English);
        }
        var outputs = new List<AlarmsOnlyGateway.OutputBinding>();
        foreach (var (e, path) in root.Array("outputs"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? relay = o.String("relay", true);
            var tripped = new List<int>();
            foreach (var (te, tp) in o.Array("trippedBy"))
            {
                string? ch = te.ValueKind == System.Text.Json.JsonValueKind.String ? te.GetString() : null;
                int idx = channels.FindIndex(c => c.Id == ch);
                if (idx < 0) errors.Add(tp, $"no channel '{ch}' in {ctx.ConfigPath}.channels");
                else tripped.Add(idx);
            }
            var requires = new List<(string, Qinshui.Edge.Core.Ports.IDigitalInput)>();
            foreach (var (re, rp) in o.Array("requires"))
            {
                string? c = re.ValueKind == System.Text.Json.JsonValueKind.String ? re.GetString() : null;
                if (c != null && ctx.Plant.TryGetContact(c, out var contact)) requires.Add((c, contact));
                else errors.Add(rp, $"no contact '{c}' in plant.contacts");
            }
            o.Done();
            if (id == null || relay == null) continue;
            if (!ctx.Plant.TryGetRelay(relay, out var r))
            {
                errors.Add(path + ".relay", $"no relay '{relay}' in plant.relays");
                continue;
            }
            outputs.Add(new AlarmsOnlyGateway.OutputBinding { Id = id, RelayId = relay, Port = r, Channels = tripped.ToArray(), Requires = requires.ToArray() });
        }
        // The rest of the section belongs to the real gateway (zones, welding, mqtt, journal, …).
        foreach (var name in new[] { "site", "id", "zones", "welding", "mqtt", "journal", "permits", "cards", "timing" }) root.Has(name);
        root.Done();
        if (errors.Count > before) return null;
        return new AlarmsOnlyGateway(ctx, channels.ToArray(), bindings.ToArray(), outputs.ToArray());
    }

    private static readonly Dictionary<string, LevelKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["warning"] = LevelKind.Warning, ["alarm"] = LevelKind.Alarm, ["trip"] = LevelKind.Trip, ["trip2"] = LevelKind.SecondTrip,
    };

    private static readonly Dictionary<string, Direction> s_directions = new(StringComparer.Ordinal)
    {
        ["high"] = Direction.High, ["low"] = Direction.Low,
    };

    /// <summary>Site-defined levels: {kind, direction, threshold, restore, onDelay?, offDelay?, latching}.</summary>
    private static LevelConfig[] ReadLevels(JsonObjectReader channel, ScenarioErrors errors)
    {
        var levels = new List<LevelConfig>();
        foreach (var (e, path) in channel.Array("levels"))
        {
            var o = new JsonObjectReader(e, path, errors);
            var kind = o.Choice("kind", s_kinds, true) ?? LevelKind.Alarm;
            var dir = o.Choice("direction", s_directions) ?? Direction.High;
            double threshold = o.Number("threshold", true) ?? 0;
            double restore = o.Number("restore") ?? threshold;
            long on = o.DurationMs("onDelay") ?? 0;
            long off = o.DurationMs("offDelay") ?? 0;
            bool latching = o.Bool("latching") ?? true;
            o.Done();
            levels.Add(new LevelConfig(kind, dir, threshold, restore, (int)on, (int)off, latching));
        }
        return levels.ToArray();
    }
}
