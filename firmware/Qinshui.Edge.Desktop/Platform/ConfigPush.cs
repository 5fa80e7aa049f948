using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>What `qedge config push` asks for. Counter null: counters follow the UTC millisecond clock.</summary>
public sealed record ConfigPushOptions(string File, string Broker, string Gateway, byte[] Key, string? Site, long? Counter, int TimeoutS, int Retries,
    int CommandBytes, string? CaFile, string Lang, string? CertFile = null, string? KeyFile = null);

/// <summary>
/// qedge config push: validates the file as the device will, signs it (profiles inlined,
/// whitespace removed), and sends the signed envelope in config_chunk commands (docs/mqtt.md,
/// "Configuration transfer"), each its own authenticated command sized to the gateway's command
/// limit. It waits (bounded) for the reply to every chunk, retransmits on a timeout (a new
/// counter; the gateway acknowledges a chunk it already has), follows the gateway's "next" after
/// a gap, prints progress, and ends with the gateway's verdict: the accepted configuration hash,
/// or the refusal with its reason. The gateway keeps its last good configuration when it refuses.
/// </summary>
public static class ConfigPush
{
    /// <summary>How long each chunk command stays valid (the gateway refuses it as expired after).</summary>
    private const long ChunkExpiryMs = 5 * 60_000;

    public static ToolOutcome Run(ConfigPushOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        string lang = o.Lang;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Counters must rise with every command and every config to this gateway: the UTC
        // millisecond does, across technicians' laptops too, unless a counter is given. The
        // envelope takes it; the chunk commands take it and the ones after it.
        long counter = o.Counter ?? now;
        var loaded = ConfigFiles.Load(o.File);
        if (loaded.Config == null)
        {
            foreach (var e in ConfigFiles.All(loaded.Errors)) stderr.WriteLine($"{loaded.File}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{(lang == "zh" ? e.Chinese : e.English)}");
            stderr.WriteLine("qedge config push: refusing to send an invalid configuration");
            return ToolOutcome.Failed;
        }
        if (loaded.Config.GatewayId != o.Gateway)
        {
            stderr.WriteLine($"qedge config push: {loaded.File} is for gateway {loaded.Config.GatewayId}, not {o.Gateway}");
            return ToolOutcome.Failed;
        }
        string site = o.Site ?? loaded.Config.SiteId;
        var (body, hash) = SignedBody(loaded.Bytes);
        byte[] envelope = SignedEnvelope.Sign("config", body, o.Gateway, counter, now, o.Key);
        if (envelope.Length > SignedEnvelope.MaxEnvelopeBytes)
        {
            stderr.WriteLine($"qedge config push: the signed configuration is {envelope.Length} bytes; no gateway accepts more than {SignedEnvelope.MaxEnvelopeBytes}");
            return ToolOutcome.Failed;
        }
        var chunks = ConfigChunks.Plan(envelope, o.Gateway, "t" + Guid.NewGuid().ToString("N")[..12], o.CommandBytes);

        // mqtts://: the site CA checks the broker; the operator's certificate (qedge provision operator) proves us to it.
        if (o.CaFile == null && o.CertFile != null) throw new UsageException("--cert needs --ca (the site CA that checks the broker)");
        var credentials = o.CaFile is { } caFile ? Qinshui.Edge.Desktop.Mqtt.BrokerCredentials.Load(caFile, o.CertFile, o.KeyFile) : null;
        try
        {
            Func<long>? floor = o.Counter == null ? () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : null;
            var push = new Push(chunks, o.Key, counter, TimeSpan.FromSeconds(o.TimeoutS), o.Retries, lang, stdout, stderr, counterFloor: floor);
            return RunAsync(o.Broker, site, o.Gateway, credentials?.Ca, credentials?.Client, push, hash, body.Length).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"qedge config push: cannot reach {o.Broker}: {e.Message}");
            return ToolOutcome.Failed;
        }
        finally
        {
            credentials?.Dispose();
        }
    }

    private static async Task<ToolOutcome> RunAsync(string broker, string site, string gateway, X509Certificate2? ca, X509Certificate2? clientCert, Push push, string hash, int bodyBytes)
    {
        await using var client = await PlatformClient.ConnectAsync(broker, site, gateway, ca, clientCert, push.Timeout).ConfigureAwait(false);
        var c = push.Chunks;
        push.Out.WriteLine($"sending configuration sha256 {hash} ({bodyBytes} bytes; signed envelope {c.Envelope.Length} bytes) to {site}/{gateway} "
                           + $"in {c.Count} chunk{(c.Count == 1 ? "" : "s")} of up to {c.SliceBytes} bytes (transfer {c.TransferId})");
        return await push.RunAsync(client.SendAsync, hash, () => $"is it online? qinshui/v1/{site}/{gateway}/state").ConfigureAwait(false);
    }

    /// <summary>One push's conversation: a chunk at a time, a reply for each, retransmissions on timeouts.</summary>
    /// <param name="delay">Waits between asking a busy gateway again (Task.Delay; tests pass virtual time).</param>
    /// <param name="counterFloor">When counters follow the clock (no --counter given): each command's counter is at least this
    /// (UTC ms), so commands another sender signed meanwhile with its own clock-based counters do not make ours replays.</param>
    public sealed class Push(ConfigChunks chunks, byte[] key, long firstCounter, TimeSpan timeout, int retries, string lang, TextWriter stdout, TextWriter stderr,
        Func<TimeSpan, Task>? delay = null, Func<long>? counterFloor = null)
    {
        /// <summary>
        /// A transfer already in progress on the gateway (another push, or one of ours cut short) ends or
        /// expires within 60 s of its last chunk: ask again every 5 s for up to 75 s before giving up.
        /// </summary>
        public static readonly TimeSpan BusyRetryInterval = TimeSpan.FromSeconds(5);
        public static readonly TimeSpan BusyWaitLimit = TimeSpan.FromSeconds(75);

        private readonly Func<TimeSpan, Task> _delay = delay ?? (d => Task.Delay(d));
        private long _counter = firstCounter;

        public ConfigChunks Chunks => chunks;
        public TimeSpan Timeout => timeout;
        public TextWriter Out => stdout;
        public int Sent { get; private set; }
        public int Retransmissions { get; private set; }

        /// <summary>Sends every chunk through send (publish + wait for the reply with that id, null on timeout); how it ended.</summary>
        public async Task<ToolOutcome> RunAsync(Func<string, byte[], TimeSpan, Task<JsonElement?>> send, string hash, Func<string> offlineHint)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int index = 0;
            int attempt = 0;
            int gaps = 0;
            var busyWaited = TimeSpan.Zero;
            while (true)
            {
                string id = ConfigChunks.CommandId(chunks.TransferId, index, attempt);
                if (counterFloor != null) _counter = Math.Max(_counter, counterFloor());
                byte[] command = chunks.Command(index, id, _counter++, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + ChunkExpiryMs, key);
                Sent++;
                var reply = await send(id, command, timeout).ConfigureAwait(false);
                if (reply is not { } r)
                {
                    if (attempt >= retries)
                    {
                        stderr.WriteLine($"qedge config push: no reply to chunk {index + 1}/{chunks.Count} within {timeout.TotalSeconds:0} s after {attempt + 1} attempt(s) ({offlineHint()}); "
                                         + "the gateway discards an incomplete transfer after 60 s and keeps its configuration");
                        return ToolOutcome.Failed;
                    }
                    attempt++;
                    Retransmissions++;
                    stdout.WriteLine($"chunk {index + 1}/{chunks.Count}: no reply within {timeout.TotalSeconds:0} s, sending it again ({attempt}/{retries})");
                    continue;
                }
                attempt = 0;
                bool ok = r.TryGetProperty("ok", out var okv) && okv.ValueKind == JsonValueKind.True;
                string code = r.TryGetProperty("code", out var cv) ? cv.GetString() ?? "" : "";
                string text = r.TryGetProperty(lang == "zh" ? "zh" : "en", out var tv) ? tv.GetString() ?? "" : "";
                int next = r.TryGetProperty("next", out var nv) && nv.ValueKind == JsonValueKind.Number ? nv.GetInt32() : -1;
                string? cfg = r.TryGetProperty("cfg", out var hv) && hv.ValueKind == JsonValueKind.String ? hv.GetString() : null;
                if (ok && cfg != null)
                {
                    stdout.WriteLine($"accepted: {text}");
                    stdout.WriteLine($"config hash {cfg}");
                    stdout.WriteLine($"{chunks.Envelope.Length} bytes in {chunks.Count} chunk(s), {Sent} command(s) ({Retransmissions} retransmitted) in {clock.Elapsed.TotalSeconds:0.00} s");
                    if (cfg != hash)
                    {
                        stderr.WriteLine($"qedge config push: the gateway accepted configuration {cfg}, but {hash} was sent");
                        return ToolOutcome.Failed;
                    }
                    return ToolOutcome.Ok;
                }
                if (ok && next >= 0 && next < chunks.Count)
                {
                    stdout.WriteLine($"chunk {index + 1}/{chunks.Count} ({chunks.SliceLength(index)} bytes): {text}");
                    index = next;
                    continue;
                }
                if (!ok && code == "transfer_busy" && index == 0 && busyWaited < BusyWaitLimit)
                {
                    if (busyWaited == TimeSpan.Zero)
                        stdout.WriteLine($"the gateway is receiving another transfer; waiting for it to end or expire (60 s after its last chunk), at most {BusyWaitLimit.TotalSeconds:0} s");
                    await _delay(BusyRetryInterval).ConfigureAwait(false);
                    busyWaited += BusyRetryInterval;
                    continue;
                }
                if (!ok && code == "chunk_gap" && next >= 0 && next < chunks.Count && gaps++ < chunks.Count + retries)
                {
                    stdout.WriteLine($"chunk {index + 1}/{chunks.Count}: the gateway expects chunk {next + 1} first; going back");
                    index = next;
                    continue;
                }
                stderr.WriteLine(ok ? $"qedge config push: unexpected reply to chunk {index + 1}/{chunks.Count} ({code}): {text}" : $"refused ({code}): {text}");
                return ToolOutcome.Failed;
            }
        }
    }

    /// <summary>
    /// What is signed for a configuration file, by `config sign`, `config push` and `provision --config`
    /// alike: the file's JSON without insignificant whitespace, and the SHA-256 the gateway computes over
    /// exactly those bytes (its configuration hash). One definition, so every tool prints the same hash.
    /// </summary>
    public static (byte[] Body, string Hash) SignedBody(byte[] fileBytes)
    {
        byte[] body = Compact(fileBytes);
        return (body, GatewayConfigReader.HashHex(body, 0, body.Length));
    }

    /// <summary>The same JSON without insignificant whitespace (the signed bytes are exactly these).</summary>
    public static byte[] Compact(byte[] utf8)
    {
        var node = JsonNode.Parse(utf8);
        var options = new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return Encoding.UTF8.GetBytes(node!.ToJsonString(options));
    }
}
