using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>Work authorisation set by the test (the welding/permit component implements the real one).</summary>
internal sealed class FakeAuthorisation : IWorkAuthorisation
{
    public bool Authorised { get; set; } = true;
    public bool IsAuthorised(int zoneIndex, long nowMs) => Authorised;
}

/// <summary>
/// One zone "bay" wired to every condition kind: a methane channel (MINE_CH4_FACE, permit
/// below Trip, hot-work zone limit 0.5 %vol), NVR contact + heartbeat, platform link, a wet
/// dust collector, work authorisation, E-stop, enclosure switch, sensor presence, and two
/// relays with feedback (one with arc-current bypass detection, one with a current relay).
/// A second zone "line2" shares the E-stop. Time is a fake clock; values are plain fields.
/// </summary>
internal sealed class ZoneHarness
{
    public const int Ch4 = 0, Dp = 1, Hopper = 2, Level = 3, Flow = 4, Arc = 5, Ch4Line2 = 6;

    public FakeClock Clock { get; } = new();
    public AlarmEngine Alarms { get; }
    public ZoneEngine Engine { get; private set; } = null!;
    public MemoryJournal Journal { get; }
    public EventRecorder Events { get; private set; } = null!;
    public InterlockConfig Config { get; }
    public FakeAuthorisation Authorisation { get; } = new();

    public FakeRelay Relay1 { get; } = new();
    public FakeRelay Relay2 { get; } = new();
    public FakeRelay Relay3 { get; } = new();
    public FakeInput Nvr { get; } = new(true);
    public FakeInput EStop { get; } = new(false);
    public FakeInput Enclosure { get; } = new(false);
    public FakeInput Airlock { get; } = new(false);
    public FakeInput Presence { get; } = new(true);
    public FakeInput LoadSense { get; } = new(false);
    /// <summary>The raw contact of input "spark" (inverted: closed = no spark); wired into the collector only when a test names it.</summary>
    public FakeInput SparkContact { get; } = new(true);

    public double[] Values = { 0.2, 800, 40, 500, 20, 0, 0.2 };
    public Quality[] Qualities = new Quality[7];
    public bool[] Feeding = { true, true, true, true, true, true, true };
    public bool Heartbeats = true;
    public bool LinkAlive = true;
    public long StepMs = 1000;

    public IDigitalInput[] Inputs { get; private set; } = null!;
    public IDigitalOutput[] Outputs { get; private set; } = null!;

    /// <param name="line2Channel">Replaces ch4_line2's channel (default: the MINE_CH4_FACE profile), e.g. to give it a broken level.</param>
    public ZoneHarness(Action<InterlockConfig>? configure = null, bool keepRecords = true, ISha256? sha = null, bool recordEvents = true,
        ChannelConfig? line2Channel = null)
    {
        var channels = new[]
        {
            ChannelConfig.FromProfile("ch4", ProfileCatalog.Find("MINE_CH4_FACE")!),
            Site("dp", Unit.Pascal, 0, 5000),
            Site("hopper", Unit.DegreesCelsius, -40, 300),
            Site("level", Unit.Millimetres, 0, 3000),
            Site("flow", Unit.CubicMetresPerHour, 0, 200),
            Site("arc", Unit.Amps, 0, 600),
            line2Channel ?? ChannelConfig.FromProfile("ch4_line2", ProfileCatalog.Find("MINE_CH4_FACE")!),
        };
        Alarms = new AlarmEngine(channels, 512);
        Journal = new MemoryJournal(keepRecords);

        var bay = new ZoneConfig("bay")
        {
            Title = "Welding bay 1",
            OutputIds = new[] { "relay1", "relay2" },
            RequiresMonitoring = true,
            MonitoringInputId = "nvr",
            MonitoringHeartbeatTimeoutMs = 10_000,
            PlatformLinkGraceMs = 30_000,
            Collector = new DustCollectorConfig
            {
                DpChannelId = "dp", DpMinPa = 300, DpMaxPa = 1500,
                HopperTemperatureChannelId = "hopper", HopperTemperatureMaxC = 70,
                AirlockFaultInputId = "airlock",
                Wet = true, WaterLevelChannelId = "level", WaterLevelMinMm = 200,
                WaterFlowChannelId = "flow", WaterFlowMinM3h = 5,
            },
            RequiresWorkAuthorisation = true,
            EmergencyStopInputIds = new[] { "estop" },
            EnclosureTamperInputId = "enclosure",
            AllowRemoteReset = true,
        };
        var line2 = new ZoneConfig("line2")
        {
            OutputIds = new[] { "relay3" },
            EmergencyStopInputIds = new[] { "estop" },
            PlatformLinkGraceMs = 0,
        };
        bay.SetChannels(new[] { WithPresence(ZoneChannel.WithLimit("ch4", LevelKind.Trip, 0.5, "煤矿安全规程 hot work: CH4 <= 0.5 %vol")) });
        line2.SetChannels(new[] { new ZoneChannel("ch4_line2", LevelKind.Trip) });
        var outputs = new[]
        {
            new OutputConfig("relay1") { FeedbackInputId = "fb1", LoadCurrentChannelId = "arc", LoadCurrentThresholdAmps = 5 },
            new OutputConfig("relay2") { FeedbackInputId = "fb2", LoadCurrentInputId = "loadsense" },
            new OutputConfig("relay3") { FeedbackInputId = "fb3" },
        };
        var inputs = new[]
        {
            new InputConfig("nvr", false), new InputConfig("estop", false), new InputConfig("enclosure", false),
            new InputConfig("airlock", false), new InputConfig("presence", false), new InputConfig("loadsense", false),
            new InputConfig("fb1", false), new InputConfig("fb2", false), new InputConfig("fb3", false),
            new InputConfig("spark", true),
        };
        Config = new InterlockConfig(new[] { bay, line2 }, outputs, inputs);
        _sha = sha ?? new Sha256();
        _recordEvents = recordEvents;
        configure?.Invoke(Config);
        Build();
    }

    private readonly ISha256 _sha;
    private readonly bool _recordEvents;

    public void Build()
    {
        Inputs = new IDigitalInput[] { Nvr, EStop, Enclosure, Airlock, Presence, LoadSense, Relay1.Feedback, Relay2.Feedback, Relay3.Feedback, SparkContact };
        Outputs = new IDigitalOutput[] { Relay1, Relay2, Relay3 };
        Events = new EventRecorder(Journal, _sha, Clock, 7, "boot-7", null, EventRecorder.DefaultBufferSize);
        Engine = new ZoneEngine(Config, Alarms, Outputs, Inputs, Clock, _recordEvents ? Events : null, Authorisation);
    }

    private static ChannelConfig Site(string id, Unit unit, double min, double max) =>
        new(id, "", unit, Array.Empty<LevelConfig>(), ChannelConfig.DefaultMaxAgeMs, min, max, ChannelConfig.DefaultMaxInhibitMs);

    private ZoneChannel WithPresence(ZoneChannel c)
    {
        c.PresenceInputId = "presence";
        return c;
    }

    public long Now => Clock.MonotonicMs;
    public int Bay => 0;
    public int Line2 => 1;
    public ZoneStateView BayState => Engine.State(0);

    /// <summary>Feeds the current values (where feeding), heartbeats and link, ticks the alarms; no evaluation.</summary>
    public void Feed()
    {
        for (int c = 0; c < Values.Length; c++)
        {
            if (!Feeding[c]) continue;
            Alarms.Update(c, new Reading(Values[c], Alarms.ChannelUnit(c), Qualities[c], Now, Clock.UtcMs), Now);
        }
        Alarms.Tick(Now);
        if (Heartbeats) Engine.NotifyMonitoringHeartbeat(0, Now);
        if (LinkAlive) Engine.NotifyPlatformLinkAlive(Now);
    }

    /// <summary>One scan at the current time: feed, then evaluate.</summary>
    public void Scan()
    {
        Feed();
        Engine.Evaluate(Now);
    }

    /// <summary>Advances ms in StepMs steps, scanning after each.</summary>
    public void Run(long ms)
    {
        long end = Now + ms;
        while (Now < end)
        {
            Clock.Advance(Math.Min(StepMs, end - Now));
            Scan();
        }
    }

    /// <summary>From boot to both zones permitted: conditions settle, then local resets.</summary>
    public void BringUp()
    {
        Scan();
        Run(61_000);
        Assert.Equal(ZoneResetOutcome.Accepted, Engine.RequestLocalReset(0));
        Assert.Equal(ZoneResetOutcome.Accepted, Engine.RequestLocalReset(1));
        Run(1000);
        Assert.True(Engine.State(0).Permitted, Describe(0));
        Assert.True(Relay1.Energised && Relay2.Energised && Relay3.Energised);
    }

    public string Describe(int zone)
    {
        var st = Engine.State(zone);
        return string.Join(", ", Enumerable.Range(0, st.LiveCount).Select(i => Conditions.Code(Engine.CauseKind(zone, i)) + ":" + Engine.CauseSubject(zone, i)));
    }
}
