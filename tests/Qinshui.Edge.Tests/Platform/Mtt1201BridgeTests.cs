using System.Text;
using System.Text.RegularExpressions;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Platform.Feed;
using Qinshui.Edge.Desktop.Platform.Mtt1201;
using Qinshui.Edge.Tests.Gateway;

namespace Qinshui.Edge.Tests.Platform;

/// <summary>
/// The MT/T 1201.1 bridge fed with what the real gateway core publishes (GatewayFixture: a CH4
/// channel on Modbus and a zone), its files read back by an independent reader.
/// </summary>
public sealed class Mtt1201BridgeTests : IDisposable
{
    private const string Mine = "140521000007";
    private readonly string _out = Path.Combine(Path.GetTempPath(), "qedge-mtt-" + Guid.NewGuid().ToString("N"));
    private readonly GatewayFixture _gw = new();
    private readonly GatewayFeed _feed = new();
    private int _fed;

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    private Mtt1201Bridge NewBridge(string mineName = "沁水示范矿", PointCatalog? catalog = null) =>
        new(new Mtt1201Options(Mine, mineName, _out, 10_000, catalog ?? PointCatalog.Empty), _feed);

    /// <summary>Runs the gateway in 1 s steps, passing each published message to the feed and ticking the bridge at the gateway's time.</summary>
    private void Run(Mtt1201Bridge bridge, long ms)
    {
        for (long t = 0; t < ms; t += 1000)
        {
            _gw.Run(1000);
            for (; _fed < _gw.Mqtt.Published.Count; _fed++)
            {
                var m = _gw.Mqtt.Published[_fed];
                _feed.Accept(m.Topic, m.Payload, _gw.Clock.UtcMs);
            }
            bridge.Tick(_gw.Clock.UtcMs);
        }
    }

    private List<Mtt1201File> Files(string type) =>
        Directory.GetFiles(_out, "*.txt").Order(StringComparer.Ordinal).Select(Mtt1201File.Read).Where(f => f.Type == type).ToList();

    [Fact]
    public void Definitions_CarryTheProfileLimits_AndStableWellFormedPointCodes()
    {
        _gw.SetMethane(0.2);
        var bridge = NewBridge();
        Run(bridge, 15_000);

        var cddy = Assert.Single(Files("CDDY"));
        Assert.Equal(Mine, cddy.Header[0]);
        Assert.Equal("沁水示范矿", cddy.Header[1]);
        Assert.Equal(cddy.NameTime, Mtt1201File.Time(cddy.Header[2]));
        var ch4 = Assert.Single(cddy.Records, r => r[5] == "ch4-bay");
        Assert.Matches(new Regex($"^{Mine}01MN\\d{{4}}\\d{{4}}$"), ch4[0]);
        Assert.Equal("MN", ch4[4]);
        Assert.Equal("%vol", ch4[7]);
        // MINE_CH4_FACE (AQ 1029-2019): alarm 1.0, cut 1.5, restore below 1.0.
        Assert.Equal(("1", "1.5", "1"), (ch4[10], ch4[12], ch4[14]));
        var zone = Assert.Single(cddy.Records, r => r[5] == "weld-bay-1");
        Assert.Matches(new Regex($"^{Mine}01KG\\d{{8}}$"), zone[0]);
        Assert.All(cddy.Records, r => Assert.Equal(cddy.Records[0].Length, r.Length));

        // A second bridge on the same folder (a restart) gives every point the same code.
        var again = new Mtt1201Bridge(new Mtt1201Options(Mine, "沁水示范矿", _out, 10_000, PointCatalog.Empty), _feed);
        _feed.Accept("qinshui/v1/x/y/state", "{\"state\":\"online\"}"u8, 0); // unrelated gateway, no metadata
        foreach (var m in _gw.Mqtt.Published.Where(m => m.Kind is "birth" or "meta")) _feed.Accept(m.Topic, m.Payload, _gw.Clock.UtcMs);
        again.Tick(_gw.Clock.UtcMs + 5_000);
        var latest = Files("CDDY").Last();
        Assert.Equal(ch4[0], Assert.Single(latest.Records, r => r[5] == "ch4-bay")[0]);
    }

    [Fact]
    public void RealTime_ShowsValueAndStatus_ATripIsAlarmPlusPowerCut_AndAnAnomalyIsListed()
    {
        _gw.SetMethane(0.2);
        var bridge = NewBridge();
        Run(bridge, 12_000);
        var quiet = Files("CDSS").Last();
        var ch4 = Assert.Single(quiet.Records, r => r[1] == "ch4-bay");
        Assert.Equal(("0.2", "%vol", "0"), (ch4[3], ch4[4], ch4[5]));

        _gw.SetMethane(1.6);
        Run(bridge, 12_000);
        var tripped = Files("CDSS").Last();
        ch4 = Assert.Single(tripped.Records, r => r[1] == "ch4-bay");
        Assert.Equal("1.6", ch4[3]);
        Assert.Equal(ChannelStatus.Alarm | ChannelStatus.PowerCut, int.Parse(ch4[5]));
        var zone = Assert.Single(tripped.Records, r => r[1] == "weld-bay-1");
        Assert.Equal(("0", ChannelStatus.PowerCut), (zone[3], int.Parse(zone[5])));

        var anomalies = Files("YCBJ").SelectMany(f => f.Records).Where(r => r[1] == "ch4-bay").ToList();
        Assert.Contains(anomalies, r => (int.Parse(r[3]) & ChannelStatus.PowerCut) != 0 && r[7] == "");
    }

    [Fact]
    public void SensorSilence_AndGatewayOffline_AreFaults_WithNoValue()
    {
        _gw.SetMethane(0.3);
        var bridge = NewBridge();
        Run(bridge, 12_000);
        _gw.Gas.Online = false;
        Run(bridge, 20_000);
        var silent = Assert.Single(Files("CDSS").Last().Records, r => r[1] == "ch4-bay");
        Assert.Equal("", silent[3]);
        Assert.NotEqual(0, int.Parse(silent[5]) & ChannelStatus.SensorFault);

        _gw.Gas.Online = true;
        Run(bridge, 12_000);
        _feed.Accept("qinshui/v1/qinshui-mine-3/gw-01/state", "{\"v\":1,\"state\":\"offline\"}"u8, _gw.Clock.UtcMs);
        bridge.Tick(_gw.Clock.UtcMs + 10_000);
        var offline = Files("CDSS").Last();
        Assert.All(offline.Records, r => Assert.NotEqual(0, int.Parse(r[5]) & ChannelStatus.SubstationFault));
        Assert.All(offline.Records, r => Assert.Equal("", r[3]));
    }

    [Fact]
    public void NamesWithTerminators_CannotBreakARecord_AndNoHalfFileIsLeft()
    {
        var catalog = Path.Combine(Path.GetTempPath(), "qedge-points-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(catalog, """{ "ch4-bay": { "name": "T1;掘进~工作面|甲烷", "location": "3#煤层\n回风", "sensorType": "0001", "rangeLow": 0, "rangeHigh": 4 } }""");
        try
        {
            _gw.SetMethane(0.2);
            var bridge = NewBridge("矿;名", PointCatalog.Load(catalog));
            Run(bridge, 12_000);
            var cddy = Assert.Single(Files("CDDY"));
            Assert.Equal("矿；名", cddy.Header[1]);
            var ch4 = Assert.Single(cddy.Records, r => r[5] == "T1；掘进～工作面｜甲烷");
            Assert.Equal(("0001", "3#煤层 回风", "0", "4"), (ch4[3], ch4[6], ch4[8], ch4[9]));
            Assert.StartsWith($"{Mine}01MN0001", ch4[0]);
            Assert.Empty(Directory.GetFiles(_out, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            File.Delete(catalog);
        }
    }

    [Fact]
    public void BadInput_IsRefusedWithAReason()
    {
        Assert.Throws<UsageException>(() => new Mtt1201Bridge(new Mtt1201Options("14052", "m", _out, 10_000, PointCatalog.Empty), _feed));
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, PointRegistry.FileName), "{ not json");
        var e = Assert.Throws<InvalidDataException>(() => NewBridge());
        Assert.Contains(PointRegistry.FileName, e.Message);
        // Junk on the gateway topics changes nothing and throws nothing.
        Assert.False(_feed.Accept("qinshui/v1/s/g/data", Encoding.UTF8.GetBytes("{\"r\":"), 0));
        Assert.False(_feed.Accept("other/topic", "{}"u8, 0));
        Assert.True(_feed.Accept("qinshui/v1/s/g/data", "{\"ts\":1,\"r\":[[99,0,1,0],\"x\",[0]]}"u8, 0));
        Assert.Empty(_feed.Gateways["s/g"].Channels);
    }
}
