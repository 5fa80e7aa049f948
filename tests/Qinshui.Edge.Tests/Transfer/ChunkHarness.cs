using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Gateway;

namespace Qinshui.Edge.Tests.Transfer;

/// <summary>
/// A GatewayRuntime (GatewayFixture) spoken to over its fake MQTT link exactly as qedge speaks to a
/// device: config_chunk commands are built by the tool's own ConfigChunks, injected on …/cmd, the
/// runtime is scanned, and the reply it published on …/reply is returned.
/// </summary>
internal sealed class ChunkHarness
{
    private long _counter = 100;

    public GatewayFixture F { get; } = new();

    /// <summary>The counter of the harness's next command (another sender's counters must stay above the tool's).</summary>
    public long NextCounter { get => _counter; set => _counter = value; }
    public MqttTopics Topics { get; } = new("qinshui-mine-3", "gw-01");

    /// <summary>The fixture's configuration with another baud rate: a valid, different configuration for gw-01.</summary>
    public static byte[] NextBody() => ConfigPush.Compact(Encoding.UTF8.GetBytes(GatewayFixture.ConfigJson.Replace("\"baud\": 19200", "\"baud\": 9600")));

    public static string HashOf(byte[] body) => GatewayConfigReader.HashHex(body, 0, body.Length);

    /// <summary>A signed envelope of body cut for a 1 KB command limit (several chunks).</summary>
    public ConfigChunks Plan(byte[]? body = null, long envelopeCounter = 7, string transfer = "t1", byte[]? key = null, int commandBytes = 1024)
    {
        byte[] envelope = SignedEnvelope.Sign("config", body ?? NextBody(), "gw-01", envelopeCounter, F.Clock.UtcMs, key ?? GatewayFixture.Key);
        return ConfigChunks.Plan(envelope, "gw-01", transfer, commandBytes);
    }

    public byte[] Command(ConfigChunks c, int index, long? expiresUtcMs = null, byte[]? key = null, string? id = null) =>
        c.Command(index, id ?? ConfigChunks.CommandId(c.TransferId, index, 0), _counter++, expiresUtcMs ?? F.Clock.UtcMs + 60_000, key ?? GatewayFixture.Key);

    /// <summary>A config_chunk command with hand-written arguments (what the tool would never send).</summary>
    public byte[] RawChunk(string argsJson, string id = "raw") =>
        CommandEnvelope.Build("gw-01", id, _counter++, F.Clock.UtcMs + 60_000, "config_chunk", argsJson, GatewayFixture.Key);

    /// <summary>Chunk index of c, but announcing another SHA-256 for the whole envelope (a sender whose slices are not what it announced).</summary>
    public byte[] CommandAnnouncing(ConfigChunks c, int index, string sha256Hex) =>
        RawChunk(ArgsOf(c, index).Replace(c.Sha256Hex, sha256Hex), ConfigChunks.CommandId(c.TransferId, index, 0));

    /// <summary>The args object of chunk index, as the tool writes it.</summary>
    public static string ArgsOf(ConfigChunks c, int index)
    {
        string text = Encoding.UTF8.GetString(c.Command(index, "x", 1, 1, new byte[32]));
        int start = text.IndexOf(",\"args\":", StringComparison.Ordinal) + 8;
        int end = text.LastIndexOf(",\"mac\":", StringComparison.Ordinal);
        return text[start..end];
    }

    public JsonElement Send(ConfigChunks c, int index, long? expiresUtcMs = null, byte[]? key = null) => SendRaw(Command(c, index, expiresUtcMs, key));

    /// <summary>Injects the command, scans until the gateway replied, returns the reply.</summary>
    public JsonElement SendRaw(byte[] command)
    {
        int before = Replies().Count;
        F.Mqtt.Inject(Topics.Topic(MessageKind.Cmd), command);
        for (int i = 0; i < 10 && Replies().Count == before; i++) F.Run(10);
        var replies = Replies();
        Assert.True(replies.Count == before + 1, "no reply");
        Mqtt.PayloadSchemaTests.AssertValid("reply", replies[^1].Payload);
        return JsonDocument.Parse(replies[^1].Payload).RootElement.Clone();
    }

    /// <summary>Every chunk in order; the last reply.</summary>
    public JsonElement SendAll(ConfigChunks c)
    {
        JsonElement last = default;
        for (int i = 0; i < c.Count; i++) last = Send(c, i);
        return last;
    }

    public List<Fakes.FakeMqttLink.Sent> Replies() => F.Mqtt.Published.Where(p => p.Kind == "reply").ToList();

    public List<string> Events() => F.Mqtt.Published.Where(p => p.Kind == "event").Select(p => p.Text).ToList();

    public static bool Ok(JsonElement r) => r.GetProperty("ok").GetBoolean();
    public static string Code(JsonElement r) => r.GetProperty("code").GetString()!;
    public static int? Next(JsonElement r) => r.TryGetProperty("next", out var n) ? n.GetInt32() : null;
    public static string? Cfg(JsonElement r) => r.TryGetProperty("cfg", out var h) ? h.GetString() : null;
}
