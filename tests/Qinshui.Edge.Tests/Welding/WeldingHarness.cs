using System.Text;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Welding;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Welding;

/// <summary>A welding bay: one station, a CH4 channel (0–4 %vol), a registry, a permit book, fake clock.</summary>
internal sealed class WeldingHarness
{
    public static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    public const string Gateway = "gw-01";
    public const string Zone = "weld-bay-1";
    public const long Day = 24L * 3600 * 1000;
    public const long Minute = 60_000;

    public FakeClock Clock { get; } = new(startUtcMs: 1_790_000_000_000);
    public FakeMachine Machine { get; } = new();
    public FakeOutput Enable { get; } = new();
    public FakeCardReader Cards { get; } = new();
    public FakeZones Zones { get; } = new();
    public RecordingWeldingEvents Events { get; } = new();
    public AlarmEngine Alarms { get; }
    public WeldingRegistry Registry { get; }
    public PermitBook Permits { get; }
    public WeldingStation Station { get; }
    private long _counter;

    public WeldingHarness(SpecialPeriod[]? special = null)
    {
        Alarms = new AlarmEngine(new[] { ChannelConfig.FromProfile("ch4-bay", ProfileCatalog.Find("MINE_CH4_FACE")!) }, 64);
        long now = Clock.UtcMs;
        Registry = new WeldingRegistry(
            new[]
            {
                new WelderRecord("W001", "CARD-1", "张伟", "T140100001", now + 365 * Day),
                new WelderRecord("W002", "CARD-2", "李强", "T140100002", now + 10 * Day),
                new WelderRecord("W003", "CARD-3", "王芳", "T140100003", now - Day),
                new WelderRecord("W004", "CARD-4", "赵磊", "T140100004", now + 2 * 60 * Minute),
                new WelderRecord("S001", "CARD-S", "周安", "—", now + 365 * Day, safetyOfficer: true),
            },
            new[] { new MachineRecord("QS-WM-0001", "ZX7-400", Zone), new MachineRecord("QS-WM-0009", "ZX7-315", "other-bay") });
        Permits = new PermitBook(8, Gateway, Key, new[] { Zone, "other-bay" }, 0);
        Station = new WeldingStation(new WeldingStationConfig("st-1", Zone, "QS-WM-0001", new[] { 0 }, 60_000, 5.0),
            Machine, Enable, Cards, Registry, Permits, Alarms, Zones, Clock, Events, special ?? Array.Empty<SpecialPeriod>());
    }

    public void Gas(double percentVolume, Quality q = Quality.Good) =>
        Alarms.Update(0, new Reading(percentVolume, Unit.PercentVolume, q, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);

    /// <summary>Advances time in 1 s steps, feeding gas and stepping the station.</summary>
    public void Run(long ms, double gas = 0.05)
    {
        long end = Clock.MonotonicMs + ms;
        while (Clock.MonotonicMs < end)
        {
            Clock.Advance(Math.Min(1000, end - Clock.MonotonicMs));
            // An honest head shows noise: ±0.01 %CH4, or the frozen-sensor check (issue 13 #2) faults it after 30 min.
            Gas(gas + (Clock.MonotonicMs / 1000 % 2) * 0.01);
            Alarms.Tick(Clock.MonotonicMs);
            Station.Step();
        }
    }

    public static string PermitJson(string id = "HW-001", string zone = Zone, string machines = "\"QS-WM-0001\"", string welders = "\"W001\",\"W002\",\"W003\"",
        long? from = null, long? to = null, long? analysis = null, string extra = "", long baseUtc = 1_790_000_000_000) =>
        "{\"permitId\":\"" + id + "\",\"kind\":\"hot_work\",\"grade\":\"1\",\"zone\":\"" + zone + "\",\"machines\":[" + machines + "],\"welders\":[" + welders + "]," +
        "\"validFromUtcMs\":" + (from ?? baseUtc - Minute) + ",\"validToUtcMs\":" + (to ?? baseUtc + 4 * 60 * Minute) + "," +
        "\"gasAnalysisUtcMs\":" + (analysis ?? baseUtc) + ",\"combustibleGas\":\"CH4\",\"mine\":true" + extra + "}";

    public byte[] Envelope(string permitJson, byte[]? key = null, string gateway = Gateway, long? counter = null) =>
        SignedEnvelope.Sign("permit", Encoding.UTF8.GetBytes(permitJson), gateway, counter ?? ++_counter, Clock.UtcMs, key ?? Key);

    public WeldingReason Push(string permitJson) => Push(Envelope(permitJson));

    public WeldingReason Push(byte[] envelope) => Permits.Apply(envelope, 0, envelope.Length, Clock.UtcMs, Clock.MonotonicMs, Clock.IsTrusted);

    /// <summary>Permit pushed, gas clear for the settle time: ready for a tap.</summary>
    public WeldingHarness Ready()
    {
        Assert.Equal(WeldingReason.None, Push(PermitJson()));
        Run(61_000);
        return this;
    }
}
