using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Clock;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Tests.Fakes;
using JournalStore = Qinshui.Edge.Core.Journal.Journal;

namespace Qinshui.Edge.Tests.Mqtt;

public sealed class FakeZones : IZoneCommands
{
    public List<string> Calls { get; } = new();
    public bool AllowRemoteReset { get; set; } = true;

    public ZoneCommandOutcome RequestTrip(string zoneId, string reason)
    {
        Calls.Add("trip:" + zoneId);
        return zoneId == "z1" ? ZoneCommandOutcome.Accepted : ZoneCommandOutcome.UnknownZone;
    }

    public ZoneCommandOutcome RequestRemoteReset(string zoneId)
    {
        Calls.Add("reset:" + zoneId);
        if (zoneId != "z1") return ZoneCommandOutcome.UnknownZone;
        return AllowRemoteReset ? ZoneCommandOutcome.Accepted : ZoneCommandOutcome.RemoteResetNotAllowed;
    }
}

public sealed class FakeUpdates : IRemoteUpdateHandler
{
    public List<string> Applied { get; } = new();

    public void Apply(string command, JsonValue args, CommandResult result)
    {
        if (args.Has("bad")) result.Refuse("permit_invalid", "permit signature invalid", "作业票签名无效");
        else
        {
            Applied.Add(command);
            result.Accept("applied", "已应用");
        }
    }
}

public sealed class FakeClockAdjuster(FakeClock clock) : IClockAdjuster
{
    public bool TrySetUtc(long utcMs)
    {
        if (utcMs < 1_700_000_000_000) return false;
        clock.UtcMs = utcMs;
        clock.IsTrusted = true;
        return true;
    }
}

/// <summary>A gateway's forwarding side wired as the integrator would, over fakes.</summary>
public sealed class GatewayHarness
{
    public static readonly string[] Profiles = ["MINE_CH4_FACE", "MINE_CO", "PLANT_O2", "PLANT_CO"];

    public GatewayHarness(int channels = 4, int segments = 64, int segmentSize = 4096, bool trusted = true, MqttSessionOptions? options = null, IMqttLink? link = null, int batchIntervalMs = 10_000, bool sharedPayload = false, bool compact = false)
    {
        Clock = new FakeClock(trusted: trusted);
        var configs = new ChannelConfig[channels];
        for (int i = 0; i < channels; i++)
        {
            var p = ProfileCatalog.Find(Profiles[i % Profiles.Length])!;
            configs[i] = ChannelConfig.FromProfile("ch" + (i + 1), p);
        }
        Engine = new AlarmEngine(configs, 256);
        Store = new MemoryRecordStore(segments, segmentSize);
        Journal = new JournalStore(Store);
        Identity = new GatewayIdentity("site-1", "gw-01", GatewayIdentity.BootIdFrom(0xC0FFEE01), "0.1.0", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        Writer = new MessageWriter(Identity);
        Topics = new MqttTopics("site-1", "gw-01");
        // sharedPayload: one buffer for the session and the recorder's alarm and event messages, as GatewayRuntime wires it.
        var payload = sharedPayload ? new JsonWriter(new byte[MqttSession.PayloadBytes(Journal.MaxPayloadLength)]) : null;
        Recorder = new TelemetryRecorder(Writer, Journal, Clock, Engine, Journal.MaxPayloadLength, batchIntervalMs, payload, compact);
        if (compact) Writer.DataEncoding = "compact";
        Zones = new FakeZones();
        Updates = new FakeUpdates();
        Commands = new CommandProcessor("gw-01", HmacSha256.Portable(CommandSigner.Key), Clock, Engine, Zones, Updates, new FakeClockAdjuster(Clock), 0);
        Link = new FakeMqttLink();
        ZoneList = [new ZoneInfo("z1", ["relay-1"], ["ch1", "ch2"])];
        MqttLink = link ?? Link;
        Session = new MqttSession(MqttLink, Clock, Journal, Writer, Topics, Engine, ZoneList, Commands, Recorder, Health, options, payload);
        ClockMonitor = new ClockMonitor(Clock, Recorder);
    }

    public FakeClock Clock { get; }
    public AlarmEngine Engine { get; }
    public MemoryRecordStore Store { get; }
    public JournalStore Journal { get; }
    public GatewayIdentity Identity { get; }
    public MessageWriter Writer { get; }
    public MqttTopics Topics { get; }
    public TelemetryRecorder Recorder { get; }
    public FakeZones Zones { get; }
    public FakeUpdates Updates { get; }
    public CommandProcessor Commands { get; }
    public FakeMqttLink Link { get; }
    /// <summary>The link the session uses: the fake unless a real one was given.</summary>
    public IMqttLink MqttLink { get; }
    public ZoneInfo[] ZoneList { get; }
    public HealthFigures Health { get; } = new();
    public MqttSession Session { get; }
    public ClockMonitor ClockMonitor { get; }

    /// <summary>Normal readings of the other channels' profiles (CO ppm, O2 %vol, CO ppm).</summary>
    private static readonly double[] s_normal = [0.1, 5, 20.9, 5];

    /// <summary>
    /// One scan: channel 0 (methane, %vol) gets value, the others a normal reading of their
    /// profile; then drain transitions, sample, step batching, the clock monitor and the pump.
    /// </summary>
    /// <summary>One scan a second for the given number of seconds (the link as it is).</summary>
    public void RunSeconds(int seconds, double value)
    {
        for (int i = 0; i < seconds; i++)
        {
            Scan(value);
            Clock.Advance(1000);
        }
    }

    public void Scan(double value, Quality quality = Quality.Good)
    {
        for (int i = 0; i < Engine.ChannelCount; i++)
        {
            double v = i == 0 ? value : s_normal[i % s_normal.Length] + (i % 7) * 0.013;
            Engine.Update(i, new Reading(v, Engine.ChannelUnit(i), quality, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
        }
        Recorder.DrainTransitions();
        Recorder.SampleChannels();
        Recorder.Step();
        ClockMonitor.Step();
        Session.Step();
    }

    public long Exp(long aheadMs = 60_000) => Clock.UtcMs + aheadMs;

    public static JsonElement Parse(byte[] payload) => JsonDocument.Parse(payload).RootElement;

    public static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);
}
