using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Interlocks;

namespace Qinshui.Edge.Tests.Events;

public class HashChainTests
{
    /// <summary>A realistic chain: boot, resets (refused and accepted), a trip, a bypass, a proof test.</summary>
    private static List<byte[]> Chain()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4] = 1.6;
        h.Scan();
        h.Engine.RequestLocalReset(0);
        h.Values[ZoneHarness.Ch4] = 0.2;
        h.LoadSense.Active = true;
        h.Run(2000);
        h.LoadSense.Active = false;
        h.Run(61_000);
        h.Engine.RequestLocalReset(0);
        h.Engine.StartProofTest(1);
        h.Run(1000);
        return h.Journal.Records.Select(r => r.Payload).ToList();
    }

    private static int Verify(List<byte[]> records, out ChainProblem problem) =>
        EventChainVerifier.Verify(records.ToArray(), new Sha256(), new string('0', 64), out problem);

    [Fact]
    public void IntactChain_Verifies()
    {
        var records = Chain();
        Assert.True(records.Count >= 15, records.Count.ToString());
        Assert.Equal(-1, Verify(records, out var problem));
        Assert.Equal(ChainProblem.None, problem);
    }

    [Fact]
    public void RemovedEvent_IsDetectedAtTheNextRecord()
    {
        var records = Chain();
        records.RemoveAt(6);
        Assert.Equal(6, Verify(records, out var problem));
        Assert.Equal(ChainProblem.BrokenLink, problem);
    }

    [Fact]
    public void RemovedLastEvent_IsDetectedAgainstTheKnownHead()
    {
        // The tail cannot prove its own absence: the platform compares with the gateway's last hash.
        var records = Chain();
        string head = JsonDocument.Parse(records[^1]).RootElement.GetProperty("hash").GetString()!;
        records.RemoveAt(records.Count - 1);
        string lastHash = JsonDocument.Parse(records[^1]).RootElement.GetProperty("hash").GetString()!;
        Assert.NotEqual(head, lastHash);
    }

    [Fact]
    public void AlteredEvent_IsDetectedByItsHash()
    {
        var records = Chain();
        string text = Encoding.UTF8.GetString(records[5]);
        string altered = text.Replace("\"permitted\":false", "\"permitted\":true");
        if (altered == text) altered = text.Replace("\"permitted\":true", "\"permitted\":false");
        Assert.NotEqual(text, altered);
        records[5] = Encoding.UTF8.GetBytes(altered);
        Assert.Equal(5, Verify(records, out var problem));
        Assert.Equal(ChainProblem.HashMismatch, problem);
    }

    [Fact]
    public void AlteredEventWithARecomputedHash_BreaksTheNextLink()
    {
        var records = Chain();
        string text = Encoding.UTF8.GetString(records[5]);
        string body = text[..^EventRecorder.HashSuffixLength] + "}";
        body = body.Replace("\"chain_boot\":7", "\"chain_boot\":7 ");
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        records[5] = Encoding.UTF8.GetBytes(body[..^1] + ",\"hash\":\"" + hash + "\"}");
        Assert.Equal(6, Verify(records, out var problem));
        Assert.Equal(ChainProblem.BrokenLink, problem);
    }

    [Fact]
    public void ReorderedEvents_AreDetected()
    {
        var records = Chain();
        (records[3], records[4]) = (records[4], records[3]);
        Assert.Equal(3, Verify(records, out var problem));
        Assert.Equal(ChainProblem.BrokenLink, problem);
    }

    [Fact]
    public void Hash_IsSha256OfThePayloadWithoutTheHashMember_AsDocumented()
    {
        foreach (var record in Chain())
        {
            var root = JsonDocument.Parse(record).RootElement;
            var members = root.EnumerateObject().ToList();
            Assert.Equal("hash", members[^1].Name);
            Assert.Equal("prev", members[^2].Name);
            byte[] body = record[..^EventRecorder.HashSuffixLength].Append((byte)'}').ToArray();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), members[^1].Value.GetString());
        }
    }

    [Fact]
    public void Payload_CarriesTheDocumentedMembers()
    {
        var records = Chain();
        long seq = 0;
        string prev = new('0', 64);
        foreach (var record in records)
        {
            var e = JsonDocument.Parse(record).RootElement;
            Assert.Equal(1, e.GetProperty("v").GetInt32());
            Assert.Equal(7, e.GetProperty("chain_boot").GetInt64());
            Assert.Equal("boot-7", e.GetProperty("boot").GetString());
            Assert.Equal(++seq, e.GetProperty("chain_seq").GetInt64());
            Assert.Equal(seq, e.GetProperty("seq").GetInt64());
            Assert.True(e.GetProperty("ts").GetInt64() > 1_700_000_000_000);
            Assert.True(e.GetProperty("clockTrusted").GetBoolean());
            foreach (var name in new[] { "kind", "subject", "reason", "en", "zh" }) Assert.False(string.IsNullOrEmpty(e.GetProperty(name).GetString()), name);
            Assert.Equal(JsonValueKind.Array, e.GetProperty("causes").ValueKind);
            Assert.Equal(JsonValueKind.Array, e.GetProperty("snapshot").ValueKind);
            Assert.Equal(prev, e.GetProperty("prev").GetString());
            prev = e.GetProperty("hash").GetString()!;
        }
        var trip = records.Select(r => JsonDocument.Parse(r).RootElement).First(e => e.GetProperty("reason").GetString() == "channel_above_limit");
        var snap = trip.GetProperty("snapshot").EnumerateArray().First(s => s.GetProperty("channel").GetString() == "ch4");
        Assert.Equal(1.6, snap.GetProperty("value").GetDouble());
        Assert.Equal("%vol", snap.GetProperty("unit").GetString());
        Assert.Equal(0, snap.GetProperty("quality").GetArrayLength());
    }

    [Fact]
    public void JournalRefusal_IsCounted_AndTheChainDoesNotAdvance()
    {
        var journal = new MemoryJournal();
        var clock = new FakeClock();
        var rec = new EventRecorder(journal, new Sha256(), clock, 1, "b", null, 2048);
        rec.Begin(EventKind.ZoneTripped, "z", "r", "en", "zh");
        Assert.True(rec.Commit());
        journal.Fail = true;
        rec.Begin(EventKind.ZoneTripped, "z", "r2", "en", "zh");
        Assert.False(rec.Commit());
        journal.Fail = false;
        rec.Begin(EventKind.ZonePermitted, "z", "r3", "en", "zh");
        Assert.True(rec.Commit());
        Assert.Equal(1, rec.JournalFailures);
        Assert.Equal(2, rec.Sequence);
        Assert.Equal(-1, EventChainVerifier.Verify(journal.Records.Select(r => r.Payload).ToArray(), new Sha256(), null, out _));
        Assert.All(journal.Records, r => Assert.Equal(RecordClass.Event, r.Class));
    }

    [Fact]
    public void ChainContinuesAcrossABoot_FromTheLastHash()
    {
        var journal = new MemoryJournal();
        var clock = new FakeClock();
        var first = new EventRecorder(journal, new Sha256(), clock, 1, "a", null, 2048);
        first.Begin(EventKind.ZoneTripped, "z", "boot", "en", "zh");
        first.Commit();
        var last = new byte[32];
        first.CopyLastHash(last, 0);
        var second = new EventRecorder(journal, new Sha256(), clock, 2, "b", last, 2048);
        second.Begin(EventKind.ZoneTripped, "z", "boot", "en", "zh");
        second.Commit();
        var records = journal.Records.Select(r => r.Payload).ToArray();
        Assert.Equal(-1, EventChainVerifier.Verify(records, new Sha256(), new string('0', 64), out _));
        // A boot counter going back is reported.
        Assert.Equal(1, EventChainVerifier.Verify(new[] { records[1], records[0] }, new Sha256(), null, out var p));
        Assert.Equal(ChainProblem.BrokenLink, p);
    }

    [Fact]
    public void Overflow_IsCounted_NeverJournalledTruncated()
    {
        var journal = new MemoryJournal();
        var rec = new EventRecorder(journal, new Sha256(), new FakeClock(), 1, "b", null, 1024);
        var w = rec.Begin(EventKind.ZoneTripped, "z", "r", "en", "zh");
        w.String("big", new string('x', 2000));
        Assert.False(rec.Commit());
        Assert.Equal(1, rec.Overflows);
        Assert.Empty(journal.Records);
    }
}
