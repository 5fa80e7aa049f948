using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Gateway;
using Qinshui.Edge.Tests.Mqtt;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// Issue 15 #1: the host is killed at every step of its state writes while it handles one signed
/// command; after each restart the same bytes are sent again. No crash point lets the command be
/// accepted twice, and no crash point forks the event chain the platform sees.
/// </summary>
public class HostCrashTests
{
    private const string StatePath = "/var/lib/qedge/state.json";
    private static readonly string CmdTopic = new MqttTopics("qinshui-mine-3", "gw-01").Topic(MessageKind.Cmd);

    private sealed class Run(GatewayFixture fixture, HostStateKeeper keeper)
    {
        public GatewayFixture Fixture { get; } = fixture;
        public HostStateKeeper Keeper { get; } = keeper;
    }

    /// <summary>What GatewayHost.RunOnce does before its scan loop, on the given "disk" and journal.</summary>
    private static Run Boot(CrashingStateFiles files, MemoryRecordStore journal)
    {
        var keeper = HostStateKeeper.Open(new HostStateStore(files, StatePath), journal, 1_790_000_000_000, NullLogger.Instance);
        Assert.True(keeper.Save());
        var fixture = new GatewayFixture(boot: keeper.Boot(GatewayFixture.Key, "test"), store: journal);
        keeper.Attach(fixture.Runtime);
        return new Run(fixture, keeper);
    }

    /// <summary>Scans (each followed by the keeper's after-scan save) until the crash or for 500 ms of virtual time.</summary>
    private static void Scan(Run r, CrashingStateFiles files)
    {
        for (int i = 0; i < 50 && !files.Crashed; i++)
        {
            r.Fixture.Clock.Advance(10);
            try
            {
                r.Fixture.Runtime.Scan();
                r.Keeper.AfterScan();
            }
            catch (SimulatedCrashException)
            {
                return;
            }
        }
    }

    private static byte[] Command(GatewayFixture f) => CommandSigner.Sign(
        CommandSigner.Body("inhibit", "{\"channel\":\"ch4-bay\",\"duration_s\":600}", 7, f.Clock.UtcMs + 60_000), GatewayFixture.Key);

    private static IEnumerable<(string Prev, string Hash)> Events(IEnumerable<FakeMqttLink.Sent> sent)
    {
        foreach (var s in sent.Where(s => s.Kind == "event"))
        {
            using var doc = JsonDocument.Parse(s.Payload);
            yield return (doc.RootElement.GetProperty("prev").GetString()!, doc.RootElement.GetProperty("hash").GetString()!);
        }
    }

    private static bool Accepted(IEnumerable<FakeMqttLink.Sent> sent) =>
        sent.Where(s => s.Kind == "reply").Any(s => JsonDocument.Parse(s.Payload).RootElement.GetProperty("ok").GetBoolean());

    [Fact]
    public void AtEveryCrashPoint_ACommandIsNeverAcceptedTwice_AndTheEventChainNeverForks()
    {
        int crashPoints = 0;
        for (int k = 0; ; k++)
        {
            var files = new CrashingStateFiles();
            var journal = new MemoryRecordStore(16, 4096);
            var first = Boot(files, journal);
            first.Fixture.Run(200); // online: birth published
            byte[] command = Command(first.Fixture);
            int seenBeforeCrash = -1;
            files.OnCrash = () => seenBeforeCrash = first.Fixture.Mqtt.Published.Count;
            files.Arm(k);
            first.Fixture.Mqtt.Inject(CmdTopic, command);
            Scan(first, files);
            if (!files.Crashed) break; // k is past the last write of this command's path: every point was tried
            crashPoints++;
            bool firstRan = first.Fixture.Runtime.Alarms.IsInhibited(0);
            var platformSaw = first.Fixture.Mqtt.Published.Take(seenBeforeCrash).ToList();

            files.Restart();
            var second = Boot(files, journal);
            second.Fixture.Clock.Advance(first.Fixture.Clock.MonotonicMs); // the same wall clock: the command has not expired
            second.Fixture.Run(200);
            second.Fixture.Mqtt.Inject(CmdTopic, command);
            second.Fixture.Run(200);
            bool secondRan = second.Fixture.Runtime.Alarms.IsInhibited(0);
            platformSaw.AddRange(second.Fixture.Mqtt.Published);

            Assert.False(firstRan && secondRan, $"crash point {k}: the command ran before the crash and again after it");
            Assert.False(Accepted(first.Fixture.Mqtt.Published.Take(seenBeforeCrash)) && Accepted(second.Fixture.Mqtt.Published),
                $"crash point {k}: accepted twice");
            var events = Events(platformSaw).Distinct().ToList();
            var forks = events.GroupBy(e => e.Prev).Where(g => g.Count() > 1).ToList();
            Assert.True(forks.Count == 0, $"crash point {k}: the chain forks after {string.Join(", ", forks.Select(g => g.Key[..8]))}");
            var hashes = events.Select(e => e.Hash).ToHashSet();
            Assert.All(events, e => Assert.True(e.Prev == new string('0', 64) || hashes.Contains(e.Prev), $"crash point {k}: an event links to one never seen"));
        }
        Assert.True(crashPoints >= 8, $"only {crashPoints} crash points"); // counter save + chain saves, 4 steps each
    }

    [Fact]
    public void WithoutACrash_TheCounterIsDurableBeforeTheCommandTakesEffect()
    {
        var files = new CrashingStateFiles();
        var run = Boot(files, new MemoryRecordStore(16, 4096));
        run.Fixture.Run(200);
        bool inhibitedWhenSaved = true;
        run.Fixture.Runtime.Commands.CounterStore = new Probe(run.Keeper, () => inhibitedWhenSaved = run.Fixture.Runtime.Alarms.IsInhibited(0));
        run.Fixture.Mqtt.Inject(CmdTopic, Command(run.Fixture));
        run.Fixture.Run(100);
        Assert.True(run.Fixture.Runtime.Alarms.IsInhibited(0));
        Assert.False(inhibitedWhenSaved);
        Assert.Equal(7, HostState.TryParse(files.Get(StatePath))!.LastCommandCounter);
    }

    private sealed class Probe(HostStateKeeper inner, Action before) : Qinshui.Edge.Core.Ports.ICommandCounterStore
    {
        public bool SaveCounter(long counter)
        {
            before();
            return inner.SaveCounter(counter);
        }
    }
}
