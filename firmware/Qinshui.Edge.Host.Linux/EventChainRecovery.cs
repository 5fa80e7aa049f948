using System.Text.Json;
using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// Finds the event chain's head at start-up: the saved head, followed forward through the
/// journal's pending events. An event journalled just before a crash (its head not yet saved)
/// is still pending — nothing publishes it before the head is saved — so the next boot continues
/// after it instead of forking the chain (issue 15 #1).
/// </summary>
public static class EventChainRecovery
{
    public static byte[]? Follow(IRecordStore store, byte[]? savedHead)
    {
        var journal = new Journal(store);
        journal.Mount();
        byte[] buffer = new byte[journal.MaxPayloadLength];
        byte[]? head = savedHead;
        string headHex = head == null ? new string('0', 64) : Convert.ToHexStringLower(head);
        while (journal.TryReadNext(true, buffer, 0, out JournalEntry e))
        {
            if (e.Class != RecordClass.Event) continue;
            if (!TryLinks(buffer, e.PayloadLength, out string prev, out string hash) || prev != headHex) continue;
            headHex = hash;
            head = Convert.FromHexString(hash);
        }
        return head;
    }

    private static bool TryLinks(byte[] buffer, int length, out string prev, out string hash)
    {
        prev = hash = "";
        try
        {
            using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("prev", out var p) || p.ValueKind != JsonValueKind.String
                || !doc.RootElement.TryGetProperty("hash", out var h) || h.ValueKind != JsonValueKind.String) return false;
            prev = p.GetString()!;
            hash = h.GetString()!;
            return hash.Length == 64 && hash.All(Uri.IsHexDigit);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
