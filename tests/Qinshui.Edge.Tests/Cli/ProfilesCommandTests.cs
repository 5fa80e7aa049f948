using System.Text.Json;
using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Tests.Cli;

public class ProfilesCommandTests
{
    private static (int code, string stdout, string stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void ProfilesJson_ListsEveryProfileWithNumbersAndSources()
    {
        var (code, stdout, _) = Run("profiles", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var face = doc.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "MINE_CH4_FACE");
        Assert.Equal("%vol", face.GetProperty("unit").GetString());
        Assert.Contains("AQ 1029-2019", face.GetProperty("standard").GetString());
        var trip = face.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "trip");
        Assert.Equal(1.5, trip.GetProperty("threshold").GetDouble());
        Assert.Equal(1.0, trip.GetProperty("restore").GetDouble());
        Assert.True(trip.GetProperty("latching").GetBoolean());
        Assert.Equal(Qinshui.Edge.Core.Profiles.ProfileCatalog.All.Length, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public void ProfilesTable_InChinese()
    {
        var (code, stdout, _) = Run("profiles", "--lang", "zh", "--family", "mine_methane");
        Assert.Equal(0, code);
        Assert.Contains("甲烷", stdout);
        Assert.Contains("MINE_CH4_INTAKE", stdout);
        Assert.DoesNotContain("PLANT_CO", stdout);
    }

    [Fact]
    public void UnknownOption_IsAUsageError()
    {
        var (code, _, stderr) = Run("profiles", "--jsn");
        Assert.Equal(2, code);
        Assert.Contains("unknown option --jsn", stderr);
    }

    [Fact]
    public void UnknownFamily_SaysWhichExist()
    {
        var (code, _, stderr) = Run("profiles", "--family", "nope");
        Assert.Equal(1, code);
        Assert.Contains("mine_methane", stderr);
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var (code, _, stderr) = Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown command", stderr);
    }
}
