using System.Security.Cryptography;
using System.Text;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// The platform's side of the command envelope (docs/mqtt.md): the body without its closing
/// brace is signed with HMAC-SHA256 (System.Security.Cryptography, independent of the core's
/// implementation) and ,"mac":"&lt;hex&gt;"} is appended.
/// </summary>
public static class CommandSigner
{
    public static readonly byte[] Key = Encoding.ASCII.GetBytes("gateway-key-gw-01-0123456789abcdef");

    public static byte[] Sign(string bodyWithoutMac, byte[]? key = null)
    {
        if (!bodyWithoutMac.EndsWith('}')) throw new ArgumentException("body must be a JSON object");
        byte[] signed = Encoding.UTF8.GetBytes(bodyWithoutMac[..^1]);
        return SignBytes(signed, key);
    }

    /// <summary>Signs raw bytes (everything before ,"mac":) — used by the fuzzer for arbitrary bodies.</summary>
    public static byte[] SignBytes(byte[] signed, byte[]? key = null)
    {
        byte[] mac = HMACSHA256.HashData(key ?? Key, signed);
        string suffix = ",\"mac\":\"" + Convert.ToHexStringLower(mac) + "\"}";
        return [.. signed, .. Encoding.ASCII.GetBytes(suffix)];
    }

    public static string Body(string cmd, string argsJson, long ctr, long exp, string gw = "gw-01", string id = "c-1")
        => $"{{\"v\":1,\"id\":\"{id}\",\"gw\":\"{gw}\",\"ctr\":{ctr},\"exp\":{exp},\"cmd\":\"{cmd}\",\"args\":{argsJson}}}";
}
