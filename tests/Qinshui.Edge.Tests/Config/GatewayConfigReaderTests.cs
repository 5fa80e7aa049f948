using System.Text;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Config;

public class GatewayConfigReaderTests
{
    private static (GatewayConfig? config, ValidationErrors errors) Load(string json)
    {
        var errors = new ValidationErrors();
        var b = Encoding.UTF8.GetBytes(json);
        var c = GatewayConfigReader.Read(b, 0, b.Length, errors);
        return (c, errors);
    }

    private static string Doc(string channels) =>
        "{\"schemaVersion\":1,\"site\":{\"id\":\"qinshui-mine-3\",\"name\":\"沁水三矿\"},\"gateway\":{\"id\":\"gw-01\"},\"channels\":[" + channels + "]}";

    private static List<string> Codes(ValidationErrors e) => Enumerable.Range(0, e.Count).Select(i => e[i].Path + " " + e[i].Code).ToList();

    [Fact]
    public void ProfileChannel_InheritsEveryLevel()
    {
        var (c, e) = Load(Doc("{\"id\":\"ch4-face\",\"profile\":\"MINE_CH4_FACE\"}"));
        Assert.False(e.HasErrors, string.Join("\n", Codes(e)));
        var ch = c!.Channels.Single();
        Assert.Equal(Unit.PercentVolume, ch.Unit);
        Assert.Equal(1.5, ch.Levels.Single(l => l.Kind == LevelKind.Trip).Threshold);
        Assert.Equal("沁水三矿", c.SiteName);
        Assert.Equal(64, c.Hash.Length);
    }

    [Fact]
    public void SiteMayTightenOneField_TheRestComesFromTheProfile()
    {
        var (c, e) = Load(Doc("{\"id\":\"ch4-face\",\"profile\":\"MINE_CH4_FACE\",\"levels\":[{\"kind\":\"trip\",\"threshold\":1.2}]}"));
        Assert.False(e.HasErrors, string.Join("\n", Codes(e)));
        var trip = c!.Channels[0].Levels.Single(l => l.Kind == LevelKind.Trip);
        Assert.Equal(1.2, trip.Threshold);
        Assert.Equal(1.0, trip.Restore);
        Assert.True(trip.Latching);
    }

    [Fact]
    public void LooserOverride_IsRefused_WithTheFilesPath()
    {
        var (c, e) = Load(Doc("{\"id\":\"ch4-face\",\"profile\":\"MINE_CH4_FACE\",\"levels\":[{\"kind\":\"trip\",\"threshold\":2.0}]}"));
        Assert.Null(c);
        var err = Enumerable.Range(0, e.Count).Select(i => e[i]).Single(x => x.Code == "looser_than_standard");
        Assert.Equal("channels[0].levels[0].threshold", err.Path);
        Assert.Contains("AQ 1029-2019", err.English);
    }

    [Fact]
    public void OxygenOverride_MustSayWhichDirection()
    {
        var (_, e) = Load(Doc("{\"id\":\"o2\",\"profile\":\"PLANT_O2\",\"levels\":[{\"kind\":\"alarm\",\"threshold\":20}]}"));
        Assert.Contains("channels[0].levels[0].direction level_ambiguous", Codes(e));
        var (c, e2) = Load(Doc("{\"id\":\"o2\",\"profile\":\"PLANT_O2\",\"levels\":[{\"kind\":\"alarm\",\"direction\":\"low\",\"threshold\":20}]}"));
        Assert.False(e2.HasErrors, string.Join("\n", Codes(e2)));
        Assert.Equal(20, c!.Channels[0].Levels.Single(l => l.Direction == Direction.Low).Threshold);
    }

    [Fact]
    public void SiteChannelWithoutProfile_StatesEverything()
    {
        var (c, e) = Load(Doc("{\"id\":\"hopper-temp\",\"unit\":\"degC\",\"range\":{\"min\":-20,\"max\":200},\"levels\":[{\"kind\":\"trip\",\"threshold\":70,\"restore\":60}]}"));
        Assert.False(e.HasErrors, string.Join("\n", Codes(e)));
        var l = c!.Channels[0].Levels.Single();
        Assert.True(l.Latching); // trips latch unless the site says otherwise
        Assert.Equal(60, l.Restore);
    }

    [Fact]
    public void EveryMistake_IsReportedAtOnce_WithPaths()
    {
        var json = "{\"schemaVersion\":1,\"site\":{\"id\":\"bad id!\"},\"gateway\":{},\"channels\":[" +
                   "{\"id\":\"a\",\"profile\":\"NOPE\"}," +
                   "{\"id\":\"b\",\"unit\":\"furlongs\",\"range\":{\"min\":0,\"max\":1},\"levels\":[{\"kind\":\"trip\",\"threshhold\":1}]}," +
                   "{\"id\":\"c\",\"profile\":\"MINE_CO\",\"maxAgeMs\":-5}" +
                   "],\"extra\":true}";
        var (c, e) = Load(json);
        Assert.Null(c);
        var codes = Codes(e);
        Assert.Contains("site.id id_invalid", codes);
        Assert.Contains("gateway.id required", codes);
        Assert.Contains("extra unknown_member", codes);
        Assert.Contains("channels[0].profile unknown_profile", codes);
        Assert.Contains("channels[1].unit unit_unknown", codes);
        Assert.Contains("channels[1].levels[0].threshhold unknown_member", codes);
        Assert.Contains("channels[1].levels[0].threshold required", codes);
        Assert.Contains("channels[2].maxAgeMs range", codes);
        Assert.All(Enumerable.Range(0, e.Count).Select(i => e[i]), x => Assert.False(string.IsNullOrEmpty(x.Chinese)));
    }

    [Fact]
    public void DuplicateChannelIds_AreRefused()
    {
        var (_, e) = Load(Doc("{\"id\":\"x\",\"profile\":\"MINE_CO\"},{\"id\":\"x\",\"profile\":\"MINE_CO\"}"));
        Assert.Contains("channels[1].id duplicate_id", Codes(e));
    }

    [Fact]
    public void InvalidJson_SaysWhere()
    {
        var (c, e) = Load("{\"schemaVersion\":1,,}");
        Assert.Null(c);
        Assert.Equal("json_invalid", e[0].Code);
        Assert.Contains("line 1, column 20 (byte 19)", e[0].English);
    }

    [Fact]
    public void UnsupportedSchemaVersion_IsRefused()
    {
        var (_, e) = Load("{\"schemaVersion\":2,\"site\":{\"id\":\"s\"},\"gateway\":{\"id\":\"g\"},\"channels\":[]}");
        Assert.Contains(" schema_version", Codes(e).Select(x => x.Substring(x.IndexOf(' '))));
    }
}

/// <summary>Issue 13 #1: a confined space's combustible channels are validated with a path.</summary>
public class ConfinedSpaceCombustibleConfigTests
{
    private static ValidationErrors Load(string space)
    {
        string json = "{\"schemaVersion\":1,\"site\":{\"id\":\"s\"},\"gateway\":{\"id\":\"gw-01\"},\"cardReaders\":[\"r1\"],\"channels\":[" +
                      "{\"id\":\"o2\",\"profile\":\"PLANT_O2\"},{\"id\":\"ex\",\"profile\":\"PLANT_COMBUSTIBLE\",\"gas\":\"CH4\"}]," +
                      "\"interlocks\":{\"zones\":[{\"id\":\"tank\",\"channels\":[{\"channel\":\"o2\",\"permitLevel\":\"alarm\"}],\"requiresWorkAuthorisation\":true}]}," +
                      "\"welding\":{\"confinedSpaces\":[{\"zone\":\"tank\",\"oxygenChannel\":\"o2\",\"cardReader\":\"r1\"" + space + "}]}}";
        var errors = new ValidationErrors();
        var b = Encoding.UTF8.GetBytes(json);
        GatewayConfigReader.Read(b, 0, b.Length, errors);
        return errors;
    }

    private static List<string> All(ValidationErrors e) => Enumerable.Range(0, e.Count).Select(i => e[i].Path + " " + e[i].Code + (e[i].IsWarning ? " warning" : "")).ToList();

    [Fact]
    public void ANonCombustibleChannel_IsAnErrorWithItsPath()
    {
        var e = Load(",\"combustibleChannels\":[\"o2\"]");
        Assert.Contains("welding.confinedSpaces[0].combustibleChannels[0] not_combustible", All(e));
    }

    [Fact]
    public void AnUnknownChannel_IsAnErrorWithItsPath()
    {
        var e = Load(",\"combustibleChannels\":[\"nope\"]");
        Assert.Contains("welding.confinedSpaces[0].combustibleChannels[0] unknown_channel", All(e));
    }

    [Fact]
    public void AMethaneLelChannel_IsAccepted()
    {
        Assert.DoesNotContain(All(Load(",\"combustibleChannels\":[\"ex\"]")), x => x.Contains("combustibleChannels"));
    }
}

/// <summary>Issue 13 #12: a zone whose kind needs a gas channel fails validation with a path.</summary>
public class ZoneGasChannelTests
{
    private static List<string> Load(string zoneChannels)
    {
        string json = "{\"schemaVersion\":1,\"site\":{\"id\":\"s\"},\"gateway\":{\"id\":\"gw-01\"},\"cardReaders\":[\"r1\",\"r2\"]," +
                      "\"channels\":[{\"id\":\"o2\",\"profile\":\"PLANT_O2\"},{\"id\":\"ex\",\"profile\":\"PLANT_COMBUSTIBLE\",\"gas\":\"CH4\"}," +
                      "{\"id\":\"temp\",\"levels\":[{\"kind\":\"trip\",\"direction\":\"high\",\"threshold\":80,\"restore\":70}],\"unit\":\"degC\",\"range\":{\"min\":0,\"max\":200}}]," +
                      "\"interlocks\":{\"outputs\":[{\"id\":\"bay-power\"},{\"id\":\"tank-power\"},{\"id\":\"wm-enable\"}],\"zones\":[" +
                      "{\"id\":\"bay\",\"channels\":" + zoneChannels + ",\"outputs\":[\"bay-power\"],\"requiresWorkAuthorisation\":true}," +
                      "{\"id\":\"tank\",\"channels\":" + zoneChannels + ",\"outputs\":[\"tank-power\"],\"requiresWorkAuthorisation\":true}]}," +
                      "\"welding\":{\"stations\":[{\"id\":\"st-1\",\"zone\":\"bay\",\"machine\":{\"bus\":\"none\",\"device\":\"wm\"},\"enableOutput\":\"wm-enable\",\"cardReader\":\"r1\",\"gasChannels\":[\"ex\"]}]," +
                      "\"confinedSpaces\":[{\"zone\":\"tank\",\"oxygenChannel\":\"o2\",\"cardReader\":\"r2\"}]}}";
        var errors = new ValidationErrors();
        var b = Encoding.UTF8.GetBytes(json);
        GatewayConfigReader.Read(b, 0, b.Length, errors);
        return Enumerable.Range(0, errors.Count).Where(i => !errors[i].IsWarning).Select(i => errors[i].Path + " " + errors[i].Code).ToList();
    }

    [Fact]
    public void HotWorkAndConfinedSpaceZones_WithoutAGasChannel_AreErrorsWithTheirPaths()
    {
        var e = Load("[{\"channel\":\"temp\",\"permitLevel\":\"trip\"}]");
        Assert.Contains("interlocks.zones[0].channels gas_channel_required", e);
        Assert.Contains("interlocks.zones[1].channels gas_channel_required", e);
    }

    [Fact]
    public void ZonesWithAGasChannel_Pass()
    {
        var e = Load("[{\"channel\":\"ex\",\"permitLevel\":\"alarm\"},{\"channel\":\"o2\",\"permitLevel\":\"alarm\"}]");
        Assert.DoesNotContain(e, x => x.Contains("gas_channel_required"));
    }
}

/// <summary>Issue 13 #2: the frozen-sensor check in the configuration.</summary>
public class StuckConfigTests
{
    private static (Qinshui.Edge.Core.Config.GatewayConfig? config, ValidationErrors errors) Load(string channel)
    {
        var errors = new ValidationErrors();
        var b = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"site\":{\"id\":\"s\",\"name\":\"s\"},\"gateway\":{\"id\":\"gw-01\"},\"channels\":[" + channel + "]}");
        return (GatewayConfigReader.Read(b, 0, b.Length, errors), errors);
    }

    [Fact]
    public void ProfileChannel_HasItsFamilysCheck()
    {
        var (c, e) = Load("{\"id\":\"ch4\",\"profile\":\"MINE_CH4_FACE\"}");
        Assert.False(e.HasErrors);
        Assert.Equal(30 * 60_000, c!.Channels[0].StuckWindowMs);
        Assert.Equal(0.01, c.Channels[0].StuckMinVariation, 6);
    }

    [Fact]
    public void SwitchedOffWithAReason_IsAWarningShowingTheReason()
    {
        var (c, e) = Load("{\"id\":\"ch4\",\"profile\":\"MINE_CH4_FACE\",\"stuck\":{\"off\":\"reference cell, constant by design\"}}");
        Assert.False(e.HasErrors);
        Assert.Equal(0, c!.Channels[0].StuckWindowMs);
        var w = Enumerable.Range(0, e.Count).Select(i => e[i]).Single(x => x.Code == "stuck_check_off");
        Assert.True(w.IsWarning);
        Assert.Equal("channels[0].stuck.off", w.Path);
        Assert.Contains("reference cell", w.English);
    }

    [Theory]
    [InlineData("{\"off\":\"\"}", "stuck_off_reason_missing")]
    [InlineData("{\"off\":\"because\"}", "stuck_off_reason_missing")]
    [InlineData("{\"windowMs\":7200000}", "looser_than_standard")]
    [InlineData("{\"minVariation\":0}", "stuck_variation_invalid")]
    [InlineData("{\"off\":\"a long enough reason\",\"windowMs\":60000}", "stuck_off_with_settings")]
    public void BadStuckSettings_AreErrorsWithAPath(string stuck, string code)
    {
        var (_, e) = Load("{\"id\":\"ch4\",\"profile\":\"MINE_CH4_FACE\",\"stuck\":" + stuck + "}");
        Assert.True(e.HasErrors);
        Assert.Contains(Enumerable.Range(0, e.Count).Select(i => e[i]), x => x.Code == code && x.Path.StartsWith("channels[0].stuck", StringComparison.Ordinal));
    }

    [Fact]
    public void SiteChannel_IsOffUnlessConfigured()
    {
        var (c, e) = Load("{\"id\":\"t\",\"unit\":\"degC\",\"range\":{\"min\":0,\"max\":200},\"levels\":[{\"kind\":\"alarm\",\"direction\":\"high\",\"threshold\":70,\"restore\":65}],"
            + "\"stuck\":{\"windowMs\":600000,\"minVariation\":0.2}}");
        Assert.False(e.HasErrors, string.Join(",", Enumerable.Range(0, e.Count).Select(i => e[i].Code)));
        Assert.Equal(600000, c!.Channels[0].StuckWindowMs);
        Assert.Equal(0.2, c.Channels[0].StuckMinVariation);
    }
}
