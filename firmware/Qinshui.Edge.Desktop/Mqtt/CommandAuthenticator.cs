using System.Security.Cryptography;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// The MAC check of the command envelope (docs/mqtt.md, "Command envelope") done on the link's
/// receive thread, so a signed command can be queued apart from a flood of junk (issue 15 #8).
/// Only a sorting hint: the core checks every command again in full. Thread-safe (no state).
/// </summary>
public sealed class CommandAuthenticator(byte[] key)
{
    private static ReadOnlySpan<byte> MacPrefix => ",\"mac\":\""u8;

    public bool IsAuthentic(ReadOnlySpan<byte> payload)
    {
        int n = payload.Length;
        if (n > CommandProcessor.MaxCommandBytes || n < CommandProcessor.MacSuffixLength + 2) return false;
        int at = n - CommandProcessor.MacSuffixLength;
        if (!payload.Slice(at, MacPrefix.Length).SequenceEqual(MacPrefix) || payload[n - 2] != '"' || payload[n - 1] != '}') return false;
        Span<byte> given = stackalloc byte[32];
        ReadOnlySpan<byte> hex = payload.Slice(at + MacPrefix.Length, 64);
        for (int i = 0; i < 32; i++)
        {
            int hi = LowerHex(hex[2 * i]);
            int lo = LowerHex(hex[2 * i + 1]);
            if (hi < 0 || lo < 0) return false;
            given[i] = (byte)((hi << 4) | lo);
        }
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, payload[..at], expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static int LowerHex(byte c) => c is >= (byte)'0' and <= (byte)'9' ? c - '0' : c is >= (byte)'a' and <= (byte)'f' ? c - 'a' + 10 : -1;
}
