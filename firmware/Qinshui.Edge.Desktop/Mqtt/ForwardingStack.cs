using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Clock;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// The forwarding side of a gateway wired as the firmware's composition root does it: journal,
/// message writer, recorder, command processor, clock monitor and session over given ports.
/// Used by `qedge bench mqtt` and as a template for the integrator.
/// </summary>
public sealed class ForwardingStack
{
    public ForwardingStack(IClock clock, IRecordStore store, IMqttLink link, AlarmEngine engine, GatewayIdentity identity,
        ZoneInfo[] zones, byte[] gatewayKey, IZoneCommands? zoneCommands = null, IRemoteUpdateHandler? updates = null,
        IClockAdjuster? clockAdjuster = null, int batchIntervalMs = 10_000, MqttSessionOptions? options = null)
    {
        Clock = clock;
        Engine = engine;
        Journal = new Core.Journal.Journal(store);
        Writer = new MessageWriter(identity);
        Topics = new MqttTopics(identity.Site, identity.Gateway);
        Recorder = new TelemetryRecorder(Writer, Journal, clock, engine, Journal.MaxPayloadLength, batchIntervalMs);
        var hmac = new HmacSha256(gatewayKey, new PlatformSha256(), new PlatformSha256());
        Commands = new CommandProcessor(identity.Gateway, hmac, clock, engine, zoneCommands, updates, clockAdjuster, 0);
        ClockMonitor = new ClockMonitor(clock, Recorder);
        Session = new MqttSession(link, clock, Journal, Writer, Topics, engine, zones, Commands, Recorder, Health, options);
    }

    public IClock Clock { get; }
    public AlarmEngine Engine { get; }
    public Core.Journal.Journal Journal { get; }
    public MessageWriter Writer { get; }
    public MqttTopics Topics { get; }
    public TelemetryRecorder Recorder { get; }
    public CommandProcessor Commands { get; }
    public ClockMonitor ClockMonitor { get; }
    public HealthFigures Health { get; } = new();
    public MqttSession Session { get; }

    /// <summary>The scan's forwarding steps after the alarm engine has been updated.</summary>
    public void AfterScan()
    {
        Recorder.DrainTransitions();
        Recorder.SampleChannels();
        Recorder.Step();
        ClockMonitor.Step();
    }

    public static AlarmEngine DemoEngine(int channels)
    {
        string[] profiles = ["MINE_CH4_FACE", "MINE_CO", "PLANT_O2", "PLANT_CO"];
        var configs = new ChannelConfig[channels];
        for (int i = 0; i < channels; i++) configs[i] = ChannelConfig.FromProfile("ch" + (i + 1), ProfileCatalog.Find(profiles[i % profiles.Length])!);
        return new AlarmEngine(configs, 256);
    }

    /// <summary>A plausible normal reading for channel i of <see cref="DemoEngine"/> at second t.</summary>
    public static double DemoValue(int channel, long t) => (channel % 4) switch
    {
        0 => 0.10 + ((t + channel) % 17) * 0.01,
        1 => 4 + ((t + channel) % 9),
        2 => 20.8 + ((t + channel) % 3) * 0.05,
        _ => 3 + ((t + channel) % 11) * 0.5,
    };

    public void FeedDemo(long t)
    {
        for (int c = 0; c < Engine.ChannelCount; c++)
        {
            Engine.Update(c, new Reading(DemoValue(c, t), Engine.ChannelUnit(c), Quality.Good, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
        }
    }
}
