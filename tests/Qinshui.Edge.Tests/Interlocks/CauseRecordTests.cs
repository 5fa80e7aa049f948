using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>
/// Every kind of live cause carries its subject, the value seen, the threshold, unit and standard
/// (the engine keeps only kind, subject index and the readings it saw; the rest it derives from
/// the configuration), and the event journalled for a trip lists exactly what the engine reports.
/// </summary>
public class CauseRecordTests
{
    private const string CollectorStandard = "GB 15577-2018; 工贸企业粉尘防爆安全规定 (site assessment)";

    public static TheoryData<string> Situations => new()
    {
        "ch4 1.5", "ch4 comm fault", "ch4 inhibited", "ch4 stale", "dp 100", "dp 2000", "hopper 70", "level 150", "flow 1",
        "nvr off", "nvr unreadable", "heartbeat lost", "link lost", "arc current while off", "load sense while off",
        "relay2 welded", "relay1 stuck off", "not authorised", "presence lost", "e-stop", "enclosure", "airlock",
    };

    private static (ConditionKind kind, string subject, double value, double threshold, string unit, string standard)[] Expected(ZoneHarness h, string what)
    {
        string ch4Standard = ProfileCatalog.Find("MINE_CH4_FACE")!.Standard;
        double maxAge = h.Alarms.MaxAgeMs(ZoneHarness.Ch4);
        string S(ConditionKind k) => Conditions.Standard(k);
        double nan = double.NaN;
        return what switch
        {
            "ch4 1.5" => new[]
            {
                (ConditionKind.ChannelAboveLimit, "ch4", 1.5, 0.5, "%vol", "煤矿安全规程 hot work: CH4 <= 0.5 %vol"),
                (ConditionKind.ChannelAboveLimit, "ch4", 1.5, 1.5, "%vol", ch4Standard),
            },
            "ch4 comm fault" => new[] { (ConditionKind.ChannelFault, "ch4", 0.2, nan, "%vol", S(ConditionKind.ChannelFault)) },
            "ch4 inhibited" => new[] { (ConditionKind.ChannelInhibited, "ch4", nan, nan, "", S(ConditionKind.ChannelInhibited)) },
            "ch4 stale" => new[] { (ConditionKind.ChannelStale, "ch4", maxAge + 1000, maxAge, "ms", S(ConditionKind.ChannelStale)) },
            "dp 100" => new[] { (ConditionKind.CollectorPressureOutOfBand, "dp", 100.0, 300.0, "Pa", CollectorStandard) },
            "dp 2000" => new[] { (ConditionKind.CollectorPressureOutOfBand, "dp", 2000.0, 1500.0, "Pa", CollectorStandard) },
            "hopper 70" => new[] { (ConditionKind.HopperTemperatureHigh, "hopper", 70.0, 70.0, "degC", CollectorStandard) },
            "level 150" => new[] { (ConditionKind.WaterLevelLow, "level", 150.0, 200.0, "mm", CollectorStandard) },
            "flow 1" => new[] { (ConditionKind.WaterFlowLow, "flow", 1.0, 5.0, "m3/h", CollectorStandard) },
            "nvr off" => new[] { (ConditionKind.MonitoringLost, "nvr", nan, nan, "", S(ConditionKind.MonitoringLost)) },
            "nvr unreadable" => new[] { (ConditionKind.InputUnreadable, "nvr", nan, nan, "", S(ConditionKind.InputUnreadable)) },
            "heartbeat lost" => new[] { (ConditionKind.MonitoringLost, "heartbeat", 11_000.0, 10_000.0, "ms", S(ConditionKind.MonitoringLost)) },
            "link lost" => new[] { (ConditionKind.PlatformLinkLost, "platform", 31_000.0, 30_000.0, "ms", S(ConditionKind.PlatformLinkLost)) },
            "arc current while off" => new[] { (ConditionKind.BypassSuspected, "relay1", 120.0, 5.0, "A", S(ConditionKind.BypassSuspected)) },
            "load sense while off" => new[] { (ConditionKind.BypassSuspected, "relay2", nan, nan, "", S(ConditionKind.BypassSuspected)) },
            "relay2 welded" => new[] { (ConditionKind.WeldedContact, "relay2", 1.0, 0.0, "", S(ConditionKind.WeldedContact)) },
            "relay1 stuck off" => new[] { (ConditionKind.OutputFailed, "relay1", 0.0, 1.0, "", S(ConditionKind.OutputFailed)) },
            "not authorised" => new[] { (ConditionKind.WorkNotAuthorised, "bay", nan, nan, "", S(ConditionKind.WorkNotAuthorised)) },
            "presence lost" => new[] { (ConditionKind.SensorUnplugged, "presence", nan, nan, "", S(ConditionKind.SensorUnplugged)) },
            "e-stop" => new[] { (ConditionKind.EmergencyStop, "estop", nan, nan, "", S(ConditionKind.EmergencyStop)) },
            "enclosure" => new[] { (ConditionKind.EnclosureTamper, "enclosure", nan, nan, "", S(ConditionKind.EnclosureTamper)) },
            "airlock" => new[] { (ConditionKind.AirlockFault, "airlock", nan, nan, "", S(ConditionKind.AirlockFault)) },
            _ => throw new ArgumentException(what),
        };
    }

    private static void Apply(ZoneHarness h, string what)
    {
        switch (what)
        {
            case "ch4 1.5": h.Values[ZoneHarness.Ch4] = 1.5; h.Scan(); break;
            case "ch4 comm fault": h.Qualities[ZoneHarness.Ch4] = Quality.CommunicationFault; h.Scan(); break;
            case "ch4 inhibited": h.Alarms.Inhibit(ZoneHarness.Ch4, h.Now + 60_000, h.Now); h.Scan(); break;
            case "ch4 stale":
                h.Feeding[ZoneHarness.Ch4] = false;
                h.Run((long)h.Alarms.MaxAgeMs(ZoneHarness.Ch4) + 1000);
                break;
            case "dp 100": h.Values[ZoneHarness.Dp] = 100; h.Scan(); break;
            case "dp 2000": h.Values[ZoneHarness.Dp] = 2000; h.Scan(); break;
            case "hopper 70": h.Values[ZoneHarness.Hopper] = 70; h.Scan(); break;
            case "level 150": h.Values[ZoneHarness.Level] = 150; h.Scan(); break;
            case "flow 1": h.Values[ZoneHarness.Flow] = 1; h.Scan(); break;
            case "nvr off": h.Nvr.Active = false; h.Scan(); break;
            case "nvr unreadable": h.Nvr.Readable = false; h.Scan(); break;
            case "heartbeat lost": h.Heartbeats = false; h.Run(11_000); break;
            case "link lost": h.LinkAlive = false; h.Run(31_000); break;
            case "arc current while off":
                h.Engine.RequestTrip(0, "test");
                h.Values[ZoneHarness.Arc] = 120;
                h.Run(1000);
                break;
            case "load sense while off":
                h.Engine.RequestTrip(0, "test");
                h.LoadSense.Active = true;
                h.Run(1000);
                break;
            case "relay2 welded":
                h.Relay2.Fault = RelayFault.Welded;
                h.Engine.RequestTrip(0, "test");
                h.Run(1000);
                break;
            case "relay1 stuck off": h.Relay1.Fault = RelayFault.StuckOff; h.Run(1000); break;
            case "not authorised": h.Authorisation.Authorised = false; h.Scan(); break;
            case "presence lost": h.Presence.Active = false; h.Scan(); break;
            case "e-stop": h.EStop.Active = true; h.Scan(); break;
            case "enclosure": h.Enclosure.Active = true; h.Scan(); break;
            case "airlock": h.Airlock.Active = true; h.Scan(); break;
            default: throw new ArgumentException(what);
        }
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void LiveCause_CarriesSubjectValueThresholdUnitAndStandard(string what)
    {
        var h = new ZoneHarness();
        h.BringUp();
        Apply(h, what);

        var causes = Enumerable.Range(0, h.Engine.State(0).LiveCount).Select(i =>
        {
            var c = new Cause();
            h.Engine.GetCause(0, i, ref c);
            return c;
        }).ToList();
        foreach (var e in Expected(h, what))
        {
            Assert.Contains(causes, c => c.Kind == e.kind && c.Subject == e.subject && Same(c.Value, e.value) && Same(c.Threshold, e.threshold)
                && c.Unit == e.unit && c.Standard == e.standard);
        }
        // The accessors agree with the copy.
        for (int i = 0; i < causes.Count; i++)
        {
            Assert.Equal(causes[i].Kind, h.Engine.CauseKind(0, i));
            Assert.Equal(causes[i].Subject, h.Engine.CauseSubject(0, i));
        }
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void TripEvent_ListsTheCausesTheEngineReports(string what)
    {
        var h = new ZoneHarness();
        h.BringUp();
        if (what == "not authorised") return; // a demand, not a trip: no zone_tripped event
        Apply(h, what);

        // The trip event of this situation is the first after bring-up that lists its cause kind.
        var expected = Expected(h, what);
        var tripped = h.Journal.OfKind("zone_tripped").Concat(h.Journal.OfKind("bypass_suspected")).Concat(h.Journal.OfKind("fault"))
            .Concat(h.Journal.OfKind("tamper"))
            .Where(e => e.GetProperty("causes").EnumerateArray().Any(c => c.GetProperty("condition").GetString() == Conditions.Code(expected[0].kind)))
            .ToList();
        Assert.NotEmpty(tripped);
        foreach (var e in expected)
        {
            Assert.Contains(tripped.SelectMany(t => t.GetProperty("causes").EnumerateArray()), c =>
                c.GetProperty("condition").GetString() == Conditions.Code(e.kind) && c.GetProperty("subject").GetString() == e.subject
                && Same(Number(c.GetProperty("value")), e.value) && Same(Number(c.GetProperty("threshold")), e.threshold)
                && c.GetProperty("unit").GetString() == e.unit && c.GetProperty("standard").GetString() == e.standard
                && c.GetProperty("en").GetString() == Conditions.English(e.kind) && c.GetProperty("zh").GetString() == Conditions.Chinese(e.kind));
        }
    }

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    private static bool Same(double a, double b) => double.IsNaN(a) ? double.IsNaN(b) : Math.Abs(a - b) < 1e-6;
}
