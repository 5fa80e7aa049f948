using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Simulator.Cli;
using Qinshui.Edge.Simulator.Config;
using Qinshui.Edge.Simulator.Tools;

namespace Qinshui.Edge.Simulator.Commands;

/// <summary>
/// qedge config push: validates the file as the device will, signs it (profiles inlined,
/// whitespace removed so it fits the gateway's 4 KB command), sends it as an authenticated
/// update_config command and waits, bounded, for the gateway's reply: the accepted hash or the
/// refusal with its reason. The gateway keeps its last good configuration when it refuses.
/// </summary>
public static class ConfigPush
{
    public const string Usage = "config push --broker mqtt[s]://HOST:PORT --gateway ID --key HEX|@KEYFILE [--site S] [--counter N] [--timeout-s N] [--ca PEM] [--lang zh|en] FILE";

    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--broker", "--gateway", "--key", "--site", "--counter", "--timeout-s", "--ca", "--lang"]);
        if (args.Positional.Count != 1) throw new UsageException("push takes one file");
        string broker = args.Required("--broker");
        string gateway = args.Required("--gateway");
        byte[] key = KeyMaterial.Parse(args.Required("--key"));
        int timeoutS = args.Int("--timeout-s", 15, 1, 600);
        string lang = Language.Resolve(args.Value("--lang"));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Counters must rise with every command and every config to this gateway: the UTC
        // millisecond does, across technicians' laptops too, unless a counter is given.
        long counter = args.Value("--counter") is { } c ? long.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : now;

        var loaded = ConfigFiles.Load(args.Positional[0]);
        if (loaded.Config == null)
        {
            foreach (var e in ConfigFiles.All(loaded.Errors)) stderr.WriteLine($"{loaded.File}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{(lang == "zh" ? e.Chinese : e.English)}");
            stderr.WriteLine("qedge config push: refusing to send an invalid configuration");
            return CommandLine.ExitFailure;
        }
        if (loaded.Config.GatewayId != gateway)
        {
            stderr.WriteLine($"qedge config push: {loaded.File} is for gateway {loaded.Config.GatewayId}, not {gateway}");
            return CommandLine.ExitFailure;
        }
        string site = args.Value("--site") ?? loaded.Config.SiteId;
        byte[] body = Compact(loaded.Bytes);
        string hash = GatewayConfigReader.HashHex(body, 0, body.Length);
        byte[] envelope = SignedEnvelope.Sign("config", body, gateway, counter, now, key);
        string id = "push-" + Guid.NewGuid().ToString("N")[..12];
        byte[] command;
        try
        {
            command = CommandEnvelope.Build(gateway, id, counter, now + 5 * 60_000, "update_config", "{\"envelope\":" + Encoding.UTF8.GetString(envelope) + "}", key);
        }
        catch (CommandTooLargeException e)
        {
            stderr.WriteLine($"qedge config push: {e.Message}: the configuration ({body.Length} bytes) is too large to send over MQTT; flash it as I:\\qe\\config.json (qedge config sign --out config.json, or qedge provision --config) instead");
            return CommandLine.ExitFailure;
        }

        X509Certificate2? ca = args.Value("--ca") is { } caFile ? X509Certificate2.CreateFromPem(File.ReadAllText(caFile)) : null;
        try
        {
            return RunAsync(broker, site, gateway, ca, id, command, hash, TimeSpan.FromSeconds(timeoutS), lang, stdout, stderr).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"qedge config push: cannot reach {broker}: {e.Message}");
            return CommandLine.ExitFailure;
        }
        finally
        {
            ca?.Dispose();
        }
    }

    private static async Task<int> RunAsync(string broker, string site, string gateway, X509Certificate2? ca, string id, byte[] command, string hash,
        TimeSpan timeout, string lang, TextWriter stdout, TextWriter stderr)
    {
        await using var client = await PlatformClient.ConnectAsync(broker, site, gateway, ca, null, timeout).ConfigureAwait(false);
        stdout.WriteLine($"sent configuration sha256 {hash} to {site}/{gateway} ({command.Length} bytes), waiting up to {timeout.TotalSeconds:0} s for the reply");
        var reply = await client.SendAsync(id, command, timeout).ConfigureAwait(false);
        if (reply is not { } r)
        {
            stderr.WriteLine($"qedge config push: no reply from {gateway} within {timeout.TotalSeconds:0} s (is it online? qinshui/v1/{site}/{gateway}/state)");
            return CommandLine.ExitFailure;
        }
        bool ok = r.TryGetProperty("ok", out var okv) && okv.ValueKind == JsonValueKind.True;
        string code = r.TryGetProperty("code", out var cv) ? cv.GetString() ?? "" : "";
        string text = r.TryGetProperty(lang == "zh" ? "zh" : "en", out var tv) ? tv.GetString() ?? "" : "";
        if (ok)
        {
            stdout.WriteLine($"accepted: {text}");
            stdout.WriteLine($"config hash {hash}");
            return CommandLine.ExitOk;
        }
        stderr.WriteLine($"refused ({code}): {text}");
        return CommandLine.ExitFailure;
    }

    /// <summary>The same JSON without insignificant whitespace (the signed bytes are exactly these).</summary>
    public static byte[] Compact(byte[] utf8)
    {
        var node = JsonNode.Parse(utf8);
        var options = new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return Encoding.UTF8.GetBytes(node!.ToJsonString(options));
    }
}
