using System.Text.Json;
using Qinshui.Edge.Simulator.Monitor;
using Qinshui.Edge.Tests.Gateway;

namespace Qinshui.Edge.Tests.Monitor;

/// <summary>
/// qedge monitor's lines for what the real gateway core publishes (GatewayFixture: a CH4 channel on
/// Modbus, MINE_CH4_FACE, and a welding-bay zone): decoded with the birth and meta pages, raw JSON
/// only when asked, gaps by the platform's rule.
/// </summary>
public sealed class MonitorPrinterTests
{
    private readonly GatewayFixture _gw = new();
    private int _fed;

    private List<string> Feed(MonitorPrinter printer, Func<FakeMessage, bool>? drop = null)
    {
        var lines = new List<string>();
        for (; _fed < _gw.Mqtt.Published.Count; _fed++)
        {
            var m = _gw.Mqtt.Published[_fed];
            if (drop != null && drop(new FakeMessage(m.Kind, m.Topic, m.Payload))) continue;
            lines.AddRange(printer.Accept(m.Topic, m.Payload, m.Retain, _gw.Clock.MonotonicMs, _gw.Clock.UtcMs));
        }
        return lines;
    }

    public sealed record FakeMessage(string Kind, string Topic, byte[] Payload);

    [Fact]
    public void Decoded_NamesChannelsWithValueUnitAndLimits_AndShowsNoJson()
    {
        _gw.SetMethane(0.2);
        _gw.Run(15_000);
        var text = string.Join("\n", Feed(new MonitorPrinter(raw: false, lang: "en")));

        Assert.Contains("qinshui-mine-3/gw-01 birth: firmware", text);
        Assert.Contains("metadata complete: 1 channel(s), 1 zone(s)", text);
        // MINE_CH4_FACE (AQ 1029-2019): alarm at 1.0, cut at 1.5, restore below 1.0.
        Assert.Contains("ch4-bay  [%vol]  MINE_CH4_FACE (AQ 1029-2019", text);
        Assert.Contains("trip ≥ 1.5 (restore < 1)", text);
        Assert.Contains("zone weld-bay-1: outputs bay-power; channels ch4-bay", text);
        // The gateway starts latched off (de-energise to trip): the monitor says why and that a reset is needed.
        Assert.Contains("zone weld-bay-1 OFF (zone_tripped)", text);
        Assert.Contains("cause: boot weld-bay-1", text);
        Assert.Contains("data: ch4-bay 0.2 %vol", text);
        Assert.DoesNotContain("{\"", text);
        Assert.DoesNotContain("\"seq\"", text);
    }

    [Fact]
    public void Raw_PrintsThePayloadAsItArrived()
    {
        _gw.SetMethane(0.2);
        _gw.Run(5_000);
        var lines = Feed(new MonitorPrinter(raw: true, lang: "en"));

        var birth = Assert.Single(lines, l => l.Contains("qinshui/v1/qinshui-mine-3/gw-01/birth "));
        Assert.Contains("{\"v\":1,", birth);
        Assert.DoesNotContain(lines, l => l.Contains("metadata complete"));
    }

    [Fact]
    public void MethaneAtCutLevel_ShowsTheTripWithItsLimit_TheZoneOffWithItsCause_AndResetNeeded()
    {
        _gw.SetMethane(0.2);
        _gw.Run(15_000);
        var printer = new MonitorPrinter(raw: false, lang: "en");
        Feed(printer);
        _gw.SetMethane(1.8);
        _gw.Run(5_000);
        _gw.SetMethane(0.2);
        _gw.Run(20_000);
        var text = string.Join("\n", Feed(printer));

        Assert.Contains("alarm ch4-bay trip: normal → active at 1.8 %vol [trip ≥ 1.5 (restore < 1)]", text);
        Assert.Contains("alarm ch4-bay trip: active → cleared, reset needed", text);
        Assert.Contains("— reset needed", text);
        Assert.Matches("data: ch4-bay 0.2 %vol reset needed", text);
    }

    [Fact]
    public void Chinese_ShowsLevelsAndStatesInChinese()
    {
        _gw.SetMethane(0.2);
        _gw.Run(15_000);
        var printer = new MonitorPrinter(raw: false, lang: "zh");
        Feed(printer);
        _gw.SetMethane(1.8);
        _gw.Run(5_000);
        var text = string.Join("\n", Feed(printer));

        Assert.Contains("报警 ch4-bay 断电：正常 → 激活，读数 1.8 %vol", text);
        Assert.Contains("数据: ch4-bay 1.8 %vol", text);
    }

    [Fact]
    public void ADataBatchThatNeverArrives_IsReportedAsAGap_OnceTheJournalIsEmpty()
    {
        _gw.SetMethane(0.2);
        var printer = new MonitorPrinter(raw: false, lang: "en");
        long dropped = 0;
        _gw.Run(61_000); // the fixture's health comes every 60 s: it reports an empty journal
        var lines = Feed(printer, m =>
        {
            if (m.Kind != "data" || dropped != 0) return false;
            dropped = JsonDocument.Parse(new Qinshui.Edge.Desktop.Mqtt.CompactDataTranscoder().Normalize(m.Topic, m.Payload)).RootElement.GetProperty("seq").GetInt64();
            return true;
        });
        lines.AddRange(printer.Expire(_gw.Clock.MonotonicMs + 3_000));

        Assert.NotEqual(0, dropped);
        var gap = Assert.Single(lines, l => l.StartsWith("  !! gap: qinshui-mine-3/gw-01/", StringComparison.Ordinal));
        Assert.Contains($"seq {dropped}", gap);
        Assert.Contains("1 gap(s)", printer.Summary());
    }
}
