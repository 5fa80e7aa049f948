using Qinshui.Edge.Desktop.Platform;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// A signed configuration envelope cut into config_chunk commands (docs/mqtt.md, "Configuration
/// transfer"): every command carries the transfer id, its index, the count, the envelope's total
/// length and SHA-256, and a base64 slice sized so the whole authenticated command stays within
/// the gateway's command limit (<see cref="CommandProcessor.MaxCommandBytes"/> unless given).
/// </summary>
public sealed class ConfigChunks
{
    /// <summary>The widest values a command of this transfer can carry, used to size the slices.</summary>
    private const long WidestCounter = 9007199254740991;
    private const int WidestIndex = 99999;

    private ConfigChunks(byte[] envelope, string transferId, string gateway, int sliceBytes, int maxCommandBytes)
    {
        MaxCommandBytes = maxCommandBytes;
        Envelope = envelope;
        TransferId = transferId;
        Gateway = gateway;
        SliceBytes = sliceBytes;
        Sha256Hex = Convert.ToHexStringLower(SHA256.HashData(envelope));
        Count = (envelope.Length + sliceBytes - 1) / sliceBytes;
    }

    public byte[] Envelope { get; }
    public string TransferId { get; }
    public string Gateway { get; }
    public string Sha256Hex { get; }
    public int SliceBytes { get; }
    public int Count { get; }
    public int MaxCommandBytes { get; }

    /// <param name="maxCommandBytes">The gateway's command limit; slices are as large as it allows.</param>
    public static ConfigChunks Plan(byte[] envelope, string gateway, string transferId, int maxCommandBytes)
    {
        // A command with an empty slice and the widest counter, index, count and command id this transfer can use.
        string probeArgs = Args(transferId, WidestIndex, WidestIndex, envelope.Length, new string('0', 64), "");
        int overhead = Probe(gateway, CommandId(transferId, WidestIndex, 99), probeArgs);
        int free = maxCommandBytes - overhead;
        int slice = free / 4 * 3;
        if (slice < 48)
            throw new ArgumentException($"a command limit of {maxCommandBytes} bytes leaves no room for a chunk ({overhead} bytes of envelope)");
        return new ConfigChunks(envelope, transferId, gateway, slice, maxCommandBytes);
    }

    /// <summary>The reply-matching id of one attempt at one chunk.</summary>
    public static string CommandId(string transferId, int index, int attempt) =>
        transferId + "-" + index.ToString(CultureInfo.InvariantCulture) + "-" + attempt.ToString(CultureInfo.InvariantCulture);

    public int SliceLength(int index) => Math.Min(SliceBytes, Envelope.Length - index * SliceBytes);

    /// <summary>The authenticated config_chunk command for chunk index (its own counter and expiry).</summary>
    public byte[] Command(int index, string commandId, long counter, long expiresUtcMs, byte[] key)
    {
        string data = Convert.ToBase64String(Envelope, index * SliceBytes, SliceLength(index));
        return CommandEnvelope.Build(Gateway, commandId, counter, expiresUtcMs, "config_chunk",
            Args(TransferId, index, Count, Envelope.Length, Sha256Hex, data), key, MaxCommandBytes);
    }

    private static int Probe(string gateway, string commandId, string args) =>
        CommandEnvelope.Build(gateway, commandId, WidestCounter, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 600_000, "config_chunk", args,
            new byte[32], int.MaxValue).Length;

    private static string Args(string transferId, int index, int count, int total, string sha256Hex, string data) =>
        "{\"transfer\":" + JsonSerializer.Serialize(transferId) + ",\"index\":" + index.ToString(CultureInfo.InvariantCulture)
        + ",\"count\":" + count.ToString(CultureInfo.InvariantCulture) + ",\"total\":" + total.ToString(CultureInfo.InvariantCulture)
        + ",\"sha256\":\"" + sha256Hex + "\",\"data\":\"" + data + "\"}";
}
