using Qinshui.Edge.Desktop.Platform;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// Builds an authenticated command exactly as CommandProcessor checks it (docs/mqtt.md,
/// "Command envelope"): {"v":1,"id":…,"gw":…,"ctr":…,"exp":…,"cmd":…,"args":{…},"mac":"&lt;hex&gt;"}
/// with mac = HMAC-SHA256(gateway key, every byte before ,"mac":"). args is raw JSON, copied
/// byte for byte (a signed envelope inside it keeps its exact bytes).
/// </summary>
public static class CommandEnvelope
{
    public static byte[] Build(string gateway, string id, long counter, long expiresUtcMs, string command, string? argsJson, byte[] key)
        => Build(gateway, id, counter, expiresUtcMs, command, argsJson, key, CommandProcessor.MaxCommandBytes);

    /// <param name="maxBytes">The limit to refuse above (the gateway's CommandProcessor.MaxCommandBytes by default).</param>
    public static byte[] Build(string gateway, string id, long counter, long expiresUtcMs, string command, string? argsJson, byte[] key, int maxBytes)
    {
        var head = new StringBuilder();
        head.Append("{\"v\":1,\"id\":").Append(JsonSerializer.Serialize(id))
            .Append(",\"gw\":").Append(JsonSerializer.Serialize(gateway))
            .Append(",\"ctr\":").Append(counter.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(",\"exp\":").Append(expiresUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(",\"cmd\":").Append(JsonSerializer.Serialize(command));
        if (argsJson != null) head.Append(",\"args\":").Append(argsJson);
        byte[] prefix = Encoding.UTF8.GetBytes(head.ToString());
        byte[] mac = new byte[HmacSha256.MacSize];
        HmacSha256.Portable(key).Compute(prefix, 0, prefix.Length, mac, 0);
        byte[] tail = Encoding.UTF8.GetBytes(",\"mac\":\"" + Convert.ToHexStringLower(mac) + "\"}");
        byte[] result = new byte[prefix.Length + tail.Length];
        prefix.CopyTo(result, 0);
        tail.CopyTo(result, prefix.Length);
        if (result.Length > maxBytes)
            throw new CommandTooLargeException(result.Length, maxBytes);
        return result;
    }
}

public sealed class CommandTooLargeException(int bytes, int limit)
    : Exception($"the command is {bytes} bytes; the gateway takes at most {limit} (CommandProcessor.MaxCommandBytes)")
{
    public CommandTooLargeException(int bytes) : this(bytes, CommandProcessor.MaxCommandBytes) { }

    public int Bytes { get; } = bytes;
}
