using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Gateway;
using Qinshui.Edge.Tests.Memory;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// The birth in pages (docs/mqtt.md, "Birth and meta pages") and the one shared payload buffer
/// (docs/memory.md): what a platform reassembles is every channel, profile and zone, in index order;
/// no message is larger than the buffer; nothing the buffer's other users write corrupts a publish.
/// </summary>
public class BirthPagesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static JsonElement Json(FakeMqttLink.Sent s) => JsonDocument.Parse(s.Payload).RootElement;

    /// <summary>What a platform does: the birth, then its pages, each item at index first + i of its list.</summary>
    private static (JsonElement birth, Dictionary<string, JsonElement[]> lists) Reassemble(List<FakeMqttLink.Sent> published)
    {
        int b = published.FindIndex(p => p.Kind == "birth");
        var birth = Json(published[b]);
        int pages = birth.GetProperty("pages").GetInt32();
        var lists = new Dictionary<string, JsonElement[]>
        {
            ["channels"] = new JsonElement[birth.GetProperty("channel_count").GetInt32()],
            ["profiles"] = new JsonElement[birth.GetProperty("profile_count").GetInt32()],
            ["zones"] = new JsonElement[birth.GetProperty("zone_count").GetInt32()],
        };
        long seq = birth.GetProperty("seq").GetInt64();
        for (int p = 0; p < pages; p++)
        {
            var m = published[b + 1 + p];
            Assert.Equal("meta", m.Kind);
            var page = Json(m);
            Assert.Equal(p, page.GetProperty("page").GetInt32());
            Assert.Equal(pages, page.GetProperty("pages").GetInt32());
            Assert.Equal(birth.GetProperty("boot").GetString(), page.GetProperty("boot").GetString());
            Assert.Equal(birth.GetProperty("cfg").GetString(), page.GetProperty("cfg").GetString());
            Assert.Equal(seq + 1 + p, page.GetProperty("seq").GetInt64());
            int first = page.GetProperty("first").GetInt32();
            var names = lists.Keys.Where(k => page.TryGetProperty(k, out _)).ToList();
            Assert.Single(names);
            int i = 0;
            foreach (var item in page.GetProperty(names[0]).EnumerateArray())
            {
                Assert.Equal(JsonValueKind.Undefined, lists[names[0]][first + i].ValueKind);
                lists[names[0]][first + i++] = item.Clone();
            }
        }
        foreach (var l in lists.Values) Assert.All(l, e => Assert.NotEqual(JsonValueKind.Undefined, e.ValueKind));
        return (birth, lists);
    }

    [Fact]
    public void A32ChannelBirth_ComesInPagesThatFitThePayloadBuffer_AndReassembleToEveryChannelInIndexOrder()
    {
        var g = new GatewayHarness(channels: 32, segmentSize: 2048);
        g.RunSeconds(3, 0.1);
        g.Recorder.Flush();
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 3; i++) g.Session.Step();
        var kinds = g.Link.Published.Select(p => p.Kind).ToList();
        var (birth, lists) = Reassemble(g.Link.Published);
        int pages = birth.GetProperty("pages").GetInt32();
        Assert.True(pages > 3, $"{pages} pages"); // ≈ 16 KB of metadata in ≈ 4 KB pages
        Assert.Equal(["state", "birth"], kinds.Take(2));
        Assert.All(kinds.Skip(2).Take(pages), k => Assert.Equal("meta", k));
        Assert.True(kinds.FindIndex(k => k is "data" or "alarm" or "event") > 1 + pages, string.Join(",", kinds)); // the journal only after the last page
        Assert.All(g.Link.Published, p => Assert.True(p.Payload.Length <= g.Session.PayloadBuffer.Length));
        Assert.Equal(Enumerable.Range(1, 32).Select(i => "ch" + i), lists["channels"].Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(GatewayHarness.Profiles, lists["profiles"].Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("z1", lists["zones"][0].GetProperty("id").GetString());
        Assert.All(lists["channels"], c => Assert.True(c.GetProperty("levels").GetArrayLength() > 0));
        Assert.Equal(pages, g.Session.MetaPagesPublished);
    }

    [Fact]
    public void TheRealGatewayRuntime_PagesTheMineHeadingBirthWithinItsSharedBuffer()
    {
        var runtime = ExampleGateways.Build(ExampleGateways.Read(ExampleGateways.MineHeadingJson()), 128, 2048);
        var pages = runtime.Session!.BirthPages;
        Assert.Equal(32, pages.ChannelCount);
        Assert.Equal(4, pages.ZoneCount);
        Assert.True(pages.RequiredBufferBytes <= runtime.Session.PayloadBuffer.Length);
        Assert.Same(runtime.Session.PayloadBuffer, runtime.Events.LastBuffer);
        int items = 0;
        for (int p = 0; p < pages.PageCount; p++) items += pages.PageItems(p);
        Assert.Equal(pages.ChannelCount + pages.ProfileCount + pages.ZoneCount, items);
        // Every page written fits the shared buffer; the figures (docs/mqtt.md, "Birth and meta pages"):
        var w = new Qinshui.Edge.Core.Json.JsonWriter(new byte[runtime.Session.PayloadBuffer.Length]);
        var writer = new MessageWriter(runtime.Identity);
        int total = 0, largest = 0;
        var zoneChannels = new List<string>();
        for (int p = 0; p < pages.PageCount; p++)
        {
            w.Reset(w.Buffer, 0, w.Buffer.Length);
            pages.Write(w, writer, p, 1_790_000_000_000);
            Assert.False(w.Overflowed);
            total += w.Length;
            largest = Math.Max(largest, w.Length);
            var page = JsonDocument.Parse(w.Buffer.AsMemory(0, w.Length)).RootElement;
            if (page.TryGetProperty("zones", out var zones))
                foreach (var z in zones.EnumerateArray()) zoneChannels.AddRange(z.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!));
        }
        // The zones list every channel (8 each, in order) by id.
        Assert.Equal(Enumerable.Range(0, runtime.Alarms.ChannelCount).Select(runtime.Alarms.ChannelId), zoneChannels);
        output.WriteLine($"mine heading: {pages.ChannelCount} channels, {pages.ProfileCount} profiles, {pages.ZoneCount} zones: " +
                         $"{pages.PageCount} meta pages, {total} B of metadata, largest page {largest} B, payload buffer {runtime.Session.PayloadBuffer.Length} B");
    }

    /// <summary>A link whose queue is full once: for the first publish the predicate picks (topic kind, 1-based number).</summary>
    private sealed class RefusingLink(FakeMqttLink inner, Func<string, int, bool> refuse) : IMqttLink
    {
        private int _n;
        private bool _done;
        public int Refused { get; private set; }
        public bool IsConnected => inner.IsConnected;
        public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (!_done && refuse(topic[(topic.LastIndexOf('/') + 1)..], ++_n))
            {
                _done = true;
                Refused++;
                return 0;
            }
            return inner.Publish(topic, payload, offset, count, retain);
        }
        public bool TryTakeAcknowledged(out int token) => inner.TryTakeAcknowledged(out token);
        public bool TryReceive(byte[] t, out int tl, byte[] p, out int pl) => inner.TryReceive(t, out tl, p, out pl);
    }

    [Fact]
    public void APageRefusedByAFullQueue_IsPublishedAgain_WithoutAGapInSequence_BeforeTheJournal()
    {
        var fake = new FakeMqttLink { AutoAck = true };
        // Publish 1 is state, 2 the birth, 3 page 0, 4 page 1: refused once.
        var link = new RefusingLink(fake, (kind, n) => n == 4);
        var g = new GatewayHarness(channels: 32, segmentSize: 2048, link: link);
        g.RunSeconds(3, 0.1);
        g.Recorder.Flush();
        fake.IsConnected = true;
        for (int i = 0; i < 3; i++) g.Session.Step();
        Assert.Equal(1, link.Refused);
        var (birth, lists) = Reassemble(fake.Published); // pages numbered in order, seq consecutive after the birth
        Assert.Equal(32, lists["channels"].Length);
        int pages = birth.GetProperty("pages").GetInt32();
        Assert.Equal(pages, fake.Published.Count(p => p.Kind == "meta"));
        int lastMeta = fake.Published.FindLastIndex(p => p.Kind == "meta");
        Assert.True(fake.Published.FindIndex(p => p.Kind is "data" or "alarm" or "event") > lastMeta);
    }

    /// <summary>Sequence numbers of everything published under the session's boot id (chained events count their own).</summary>
    private static List<long> SessionSequences(FakeMqttLink fake) =>
        fake.Published.Select(p => JsonDocument.Parse(p.Payload).RootElement)
            .Where(r => r.TryGetProperty("boot", out var b) && b.ValueKind == JsonValueKind.String)
            .Select(r => r.GetProperty("seq").GetInt64()).ToList();

    [Theory]
    [InlineData("state")]
    [InlineData("reply")]
    public void ALiveMessageRefusedByAFullQueue_GivesItsSequenceNumberBack(string refusedKind)
    {
        var fake = new FakeMqttLink { AutoAck = true };
        var link = new RefusingLink(fake, (kind, n) => kind == refusedKind);
        var g = new GatewayHarness(channels: 4, segmentSize: 2048, link: link);
        g.RunSeconds(3, 0.1);
        g.Recorder.Flush();
        fake.IsConnected = true;
        for (int i = 0; i < 3; i++) g.Session.Step();
        fake.Inject(g.Topics.Topic(MessageKind.Cmd), CommandSigner.Sign(CommandSigner.Body("rebirth", "{}", 1, g.Exp())));
        for (int i = 0; i < 3; i++) g.Session.Step();
        fake.Inject(g.Topics.Topic(MessageKind.Cmd), CommandSigner.Sign(CommandSigner.Body("rebirth", "{}", 2, g.Exp())));
        g.RunSeconds(2, 0.1);
        g.Recorder.Flush();
        for (int i = 0; i < 5; i++) g.Session.Step();
        Assert.Equal(1, link.Refused);
        var seqs = SessionSequences(fake).Distinct().OrderBy(x => x).ToList();
        Assert.True(seqs.Count > 5);
        // A platform sees a gap as a lost message: a message that was never sent must not use a number up.
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }

    [Fact]
    public void ARecordRefusedByTheLink_IsReadAgainFromTheJournal_NotFromTheSharedBufferOthersOverwrote()
    {
        var fake = new FakeMqttLink { AutoAck = true };
        var link = new RefusingLink(fake, (kind, n) => kind is "data" or "alarm" or "event");
        var h = new GatewayHarness(segmentSize: 2048, link: link, sharedPayload: true);
        h.RunSeconds(3, 0.1);
        h.Recorder.Flush();
        // What the platform must receive: every data record, flagged historical.
        var expected = new List<string>();
        var copy = new byte[4096];
        while (h.Journal.TryReadNext(false, copy, 0, out JournalEntry e)) expected.Add("{\"hist\":true," + Encoding.UTF8.GetString(copy, 1, e.PayloadLength - 1));
        Assert.NotEmpty(expected);
        fake.IsConnected = true;
        h.Session.Step(); // the first record is refused, and not kept in the shared buffer...
        Assert.Equal(1, link.Refused);
        // ...which the recorder then overwrites (alarm transitions, an event) before the next step.
        h.Scan(2.0);
        h.Recorder.RecordEvent("zone_tripped", EventSeverity.Alarm, "z1", "zone z1 tripped", "区域 z1 停机");
        for (int i = 0; i < 5; i++) h.Session.Step();
        Assert.Equal(expected, fake.Published.Where(p => p.Kind == "data").Select(p => p.Text));
        Assert.Equal(0, h.Journal.PendingData);
        Assert.Contains(fake.Published, p => p.Kind == "alarm");
    }

    [Fact]
    public void CommandsExecutedThroughTheSharedBuffer_AnswerAndLogCorrectly()
    {
        var f = new GatewayFixture();
        f.Run(2_000);
        long exp = f.Clock.UtcMs + 60_000;
        byte[] cmd = CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"weld-bay-1\",\"reason\":\"platform test\"}", 1, exp), GatewayFixture.Key);
        f.Mqtt.Inject(new MqttTopics("qinshui-mine-3", "gw-01").Topic(MessageKind.Cmd), cmd);
        f.Run(2_000);
        var reply = f.Mqtt.Published.Single(p => p.Kind == "reply");
        var r = JsonDocument.Parse(reply.Payload).RootElement;
        Assert.True(r.GetProperty("ok").GetBoolean(), reply.Text);
        Assert.Equal("c-1", r.GetProperty("id").GetString());
        var events = f.Mqtt.Published.Where(p => p.Kind == "event").Select(p => JsonDocument.Parse(p.Payload).RootElement).ToList();
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "command_accepted");
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "zone_tripped");
    }
}
