using System.Text.Json;
using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Tests.Cli;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string json)
    {
        string f = Path.Combine(_dir, name);
        File.WriteAllText(f, json);
        return f;
    }

    private static (int code, string stdout, string stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private const string Good = "{\"schemaVersion\":1,\"site\":{\"id\":\"mine-3\"},\"gateway\":{\"id\":\"gw-01\"},\"channels\":[{\"id\":\"ch4-face\",\"profile\":\"MINE_CH4_FACE\"}]}";

    [Fact]
    public void Validate_ValidFile_ExitsZero()
    {
        var (code, stdout, _) = Run("config", "validate", Write("good.json", Good));
        Assert.Equal(0, code);
        Assert.Contains("valid", stdout);
    }

    [Fact]
    public void Validate_LooserFile_ExitsNonZero_WithPathAndReason_InChinese()
    {
        var bad = Good.Replace("\"profile\":\"MINE_CH4_FACE\"", "\"profile\":\"MINE_CH4_FACE\",\"levels\":[{\"kind\":\"trip\",\"threshold\":2}]");
        var (code, stdout, _) = Run("config", "validate", "--lang", "zh", Write("bad.json", bad));
        Assert.Equal(1, code);
        Assert.Contains("channels[0].levels[0].threshold", stdout);
        Assert.Contains("宽松", stdout);
    }

    [Fact]
    public void Validate_Json_ListsEveryFile()
    {
        var (code, stdout, _) = Run("config", "validate", "--json", Write("a.json", Good), Write("b.json", "{"));
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement[0].GetProperty("valid").GetBoolean());
        Assert.False(doc.RootElement[1].GetProperty("valid").GetBoolean());
        Assert.Equal("json_invalid", doc.RootElement[1].GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Show_PrintsTheEffectiveConfigWithStandards()
    {
        var (code, stdout, _) = Run("config", "show", Write("good.json", Good));
        Assert.Equal(0, code);
        Assert.Contains("channel ch4-face", stdout);
        Assert.Contains("AQ 1029-2019", stdout);
        Assert.Contains("trip >= 1.5 %vol", stdout);
    }

    [Fact]
    public void Diff_ShowsChangedLevelsById()
    {
        var tighter = Good.Replace("\"profile\":\"MINE_CH4_FACE\"", "\"profile\":\"MINE_CH4_FACE\",\"levels\":[{\"kind\":\"trip\",\"threshold\":1.2}]");
        var (code, stdout, _) = Run("config", "diff", Write("old.json", Good), Write("new.json", tighter));
        Assert.Equal(0, code);
        Assert.Contains("~ channels[ch4-face].levels[trip/high/instant]: threshold 1.5", stdout);
        Assert.Contains("-> threshold 1.2", stdout);
    }

    [Fact]
    public void Sign_ProducesAnEnvelopeTheCoreAccepts_AndRefusesInvalidConfigs()
    {
        string key = new string('a', 64);
        string outFile = Path.Combine(_dir, "signed.json");
        var (code, _, _) = Run("config", "sign", Write("good.json", Good), "--key", key, "--counter", "3", "--out", outFile);
        Assert.Equal(0, code);
        var env = File.ReadAllBytes(outFile);
        var outcome = Qinshui.Edge.Core.Config.SignedEnvelope.Open(env, 0, env.Length, "config", "gw-01", Convert.FromHexString(key), 2, out var body, out _, out _);
        Assert.Equal(Qinshui.Edge.Core.Config.EnvelopeOutcome.Accepted, outcome);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Good), body);

        var (code2, _, stderr2) = Run("config", "sign", Write("bad.json", "{}"), "--key", key, "--counter", "4");
        Assert.Equal(1, code2);
        Assert.Contains("refusing to sign", stderr2);
        var (code3, _, stderr3) = Run("config", "sign", Write("good2.json", Good), "--key", "abcd", "--counter", "4");
        Assert.Equal(2, code3);
        Assert.Contains("at least 16 bytes", stderr3);
    }
}

public class UnitConversionTests
{
    [Theory]
    [InlineData(20, "mg/m3", Qinshui.Edge.Core.Domain.Unit.Ppm, "CO", 17.1646)]
    [InlineData(1.25, "%vol", Qinshui.Edge.Core.Domain.Unit.PercentLel, "CH4", 25)]
    [InlineData(25, "%LEL", Qinshui.Edge.Core.Domain.Unit.PercentVolume, "CH4", 1.25)]
    [InlineData(5000, "ppm", Qinshui.Edge.Core.Domain.Unit.PercentVolume, "CO2", 0.5)]
    [InlineData(10, "ppm", Qinshui.Edge.Core.Domain.Unit.MilligramsPerCubicMetre, "H2S", 14.176)]
    public void ConvertsWithMolarMassAndLel(double value, string from, Qinshui.Edge.Core.Domain.Unit to, string gas, double expected)
    {
        Assert.True(Qinshui.Edge.Desktop.Config.UnitConversion.TryConvert(value, from, to, Qinshui.Edge.Core.Profiles.GasTable.Find(gas), out var r, out var reason), reason);
        Assert.Equal(expected, r, 3);
    }

    [Fact]
    public void LelOfANonCombustibleGas_IsRefused()
    {
        Assert.False(Qinshui.Edge.Desktop.Config.UnitConversion.TryConvert(10, "%LEL", Qinshui.Edge.Core.Domain.Unit.Ppm, Qinshui.Edge.Core.Profiles.GasTable.Find("CO2"), out _, out var reason));
        Assert.Contains("does not burn", reason);
    }

    [Fact]
    public void ConfigWithMgLimits_IsConvertedToTheProfileUnit_StricterRounding_AndValidates()
    {
        string json = "{\"schemaVersion\":1,\"site\":{\"id\":\"p\"},\"gateway\":{\"id\":\"g\"},\"channels\":[{\"id\":\"co\",\"profile\":\"PLANT_CO\",\"levels\":[{\"kind\":\"alarm\",\"threshold\":\"20 mg/m3\"},{\"kind\":\"trip\",\"threshold\":\"35 mg/m3\"}]}]}";
        string f = Path.GetTempFileName();
        try
        {
            File.WriteAllText(f, json);
            var loaded = Qinshui.Edge.Desktop.Config.ConfigFiles.Load(f);
            Assert.False(loaded.Errors.HasErrors, loaded.Errors.Count > 0 ? loaded.Errors[0].ToString() : "");
            var levels = loaded.Config!.Channels[0].Levels;
            Assert.Equal(17.16, levels[0].Threshold); // 17.1646 rounded down (stricter) — equals the profile's own figure
            Assert.Equal(30.03, levels[1].Threshold); // 35 mg/m3 = 30.039 ppm, rounded down
            Assert.Equal(2, loaded.Conversions.Count);
            Assert.Contains("ppm", loaded.Conversions[0].Converted);
        }
        finally
        {
            File.Delete(f);
        }
    }
}
