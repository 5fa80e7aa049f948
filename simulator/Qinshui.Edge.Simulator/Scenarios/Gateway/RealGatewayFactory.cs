using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// Builds the real gateway for a scenario. The scenario's gateway section is either the full
/// form — <c>{"config": {…} | "path/to/config.json", "key"?: hex, "scanInterval"?: "10ms"}</c>, a
/// complete gateway configuration (docs/schemas/gateway-config.schema.json) whose port ids name
/// plant objects — or the short form that <see cref="ShortGatewayConfig"/> expands. The
/// configuration is read and validated by the core's own GatewayConfigReader; its errors come
/// back with their paths.
/// </summary>
public sealed class RealGatewayFactory : ISimulatedGatewayFactory
{
    /// <summary>Creates the platform side for a run (in memory unless replaced, e.g. by the embedded broker).</summary>
    public Func<SimulatedGatewayContext, GatewayConfig, IPlatformSide> PlatformFactory { get; set; } =
        (ctx, _) => new InMemoryPlatform(() => ctx.Clock.MonotonicMs);

    public string Name => "core";

    public ISimulatedGateway? Create(SimulatedGatewayContext ctx, ScenarioErrors errors)
    {
        var root = new JsonObjectReader(ctx.Config, ctx.ConfigPath, errors);
        if (!root.IsObject) return null;
        int before = errors.Count;
        byte[]? json = null;
        string configPath = ctx.ConfigPath + ".config";
        long scan = 10;
        byte[]? key = null;
        if (root.Has("config"))
        {
            root.TryGet("config", out var c);
            if (c.ValueKind == JsonValueKind.String)
            {
                string file = c.GetString()!;
                string full = Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ctx.ScenarioFile ?? ".")) ?? ".", file);
                if (!File.Exists(full)) errors.Add(configPath, $"no configuration file '{file}' (looked for {full})");
                else json = File.ReadAllBytes(full);
            }
            else if (c.ValueKind == JsonValueKind.Object) json = Encoding.UTF8.GetBytes(c.GetRawText());
            else errors.Add(configPath, "a gateway configuration object, or the path of one relative to the scenario");
            scan = root.DurationMs("scanInterval") ?? 10;
            if (root.String("key") is string hex)
            {
                try
                {
                    key = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    errors.Add(ctx.ConfigPath + ".key", "the gateway key is hex (32 bytes = 64 digits)");
                }
            }
            root.Done();
        }
        else
        {
            scan = root.DurationMs("scanInterval") ?? 10;
            // The short form's channels and outputs keep their indices: errors point at the scenario's own lines.
            configPath = ctx.ConfigPath;
            var built = ShortGatewayConfig.Build(root, ctx.Plant, errors);
            json = Encoding.UTF8.GetBytes(built.ToJsonString());
        }
        if (errors.Count > before || json == null) return null;

        var validation = new ValidationErrors();
        var config = ConfigPipeline.Read(json, 0, json.Length, null, validation);
        for (int i = 0; i < validation.Count; i++)
        {
            var v = validation[i];
            if (!v.IsWarning) errors.Add(configPath + (v.Path.Length > 0 ? "." + v.Path : ""), v.English);
        }
        if (config == null || errors.Count > before) return null;
        foreach (var problem in PlantGatewayPorts.Unresolved(ctx.Plant, config)) errors.Add(configPath, problem);
        if (errors.Count > before) return null;
        // A fixed per-gateway key when the scenario gives none: runs are reproducible.
        key ??= SHA256.HashData(Encoding.UTF8.GetBytes("qedge-sim:" + config.GatewayId));
        var platform = PlatformFactory(ctx, config);
        return new RealGateway(ctx, config, key, platform, Math.Max(1, scan));
    }

    /// <summary>The configuration JSON the short form expands to (qedge sim --print-config, tests).</summary>
    public static string ExpandedConfig(SimulatedGatewayContext ctx, ScenarioErrors errors)
    {
        var root = new JsonObjectReader(ctx.Config, ctx.ConfigPath, errors);
        return ShortGatewayConfig.Build(root, ctx.Plant, errors).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
