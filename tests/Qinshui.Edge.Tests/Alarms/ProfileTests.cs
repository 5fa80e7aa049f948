using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Alarms;

public class ProfileTests
{
    private static LevelConfig Level(string profile, LevelKind kind) =>
        ProfileCatalog.Find(profile)!.Levels.First(l => l.Kind == kind && l.Source == LevelSource.Instant);

    [Theory]
    [InlineData("MINE_CH4_FACE", 1.0, 1.5, 1.0)]
    [InlineData("MINE_CH4_UPPER_CORNER", 1.0, 1.5, 1.0)]
    [InlineData("MINE_CH4_RETURN", 1.0, 1.0, 1.0)]
    [InlineData("MINE_CH4_INTAKE", 0.5, 0.5, 0.5)]
    [InlineData("MINE_CH4_SERIES_FAN", 0.5, 0.5, 0.5)]
    public void MethaneProfiles_MatchAq1029(string id, double alarm, double cut, double restore)
    {
        Assert.Equal(alarm, Level(id, LevelKind.Alarm).Threshold);
        Assert.Equal(cut, Level(id, LevelKind.Trip).Threshold);
        Assert.Equal(restore, Level(id, LevelKind.Trip).Restore);
        Assert.Contains("AQ 1029-2019", ProfileCatalog.Find(id)!.Standard);
        Assert.Equal(Unit.PercentVolume, ProfileCatalog.Find(id)!.Unit);
    }

    [Theory]
    [InlineData("PLANT_CO", 17.16, 34.33)]
    [InlineData("PLANT_H2S", 7.05, 14.1)]
    [InlineData("PLANT_NH3", 28.23, 56.46)]
    [InlineData("PLANT_SO2", 1.87, 3.75)]
    [InlineData("PLANT_NO2", 2.61, 5.22)]
    [InlineData("PLANT_CL2", 0.33, 0.67)]
    public void PlantToxicProfiles_AreOneAndTwoTimesTheOel_InPpmRoundedDown(string id, double level1, double level2)
    {
        Assert.Equal(level1, Level(id, LevelKind.Alarm).Threshold, 2);
        Assert.Equal(level2, Level(id, LevelKind.Trip).Threshold, 2);
        Assert.True(Level(id, LevelKind.Alarm).Latching); // GB 16808: controller alarms latch
    }

    [Fact]
    public void PlantCombustible_Is25And50PercentLel()
    {
        Assert.Equal(25, Level("PLANT_COMBUSTIBLE", LevelKind.Alarm).Threshold);
        Assert.Equal(50, Level("PLANT_COMBUSTIBLE", LevelKind.Trip).Threshold);
    }

    [Fact]
    public void EveryProfile_HasAStandardUniqueIdAndValidLevels()
    {
        var ids = new HashSet<string>();
        foreach (var p in ProfileCatalog.All)
        {
            Assert.True(ids.Add(p.Id), p.Id);
            Assert.False(string.IsNullOrWhiteSpace(p.Standard));
            Assert.False(string.IsNullOrWhiteSpace(p.TitleZh));
            var errors = new ValidationErrors();
            ChannelValidator.Validate(new[] { ChannelConfig.FromProfile("x", p) }, "channels", errors);
            Assert.False(errors.HasErrors, p.Id + ": " + (errors.Count > 0 ? errors[0].ToString() : ""));
        }
    }

    private static ValidationErrors ValidateSite(string profileId, Func<LevelConfig, LevelConfig?> change)
    {
        var p = ProfileCatalog.Find(profileId)!;
        var levels = p.Levels.Select(change).Where(l => l != null).Cast<LevelConfig>().ToArray();
        var cfg = new ChannelConfig("ch4-face", p.Id, p.Unit, levels, 30000, p.RangeMin, p.RangeMax, 3600000);
        var errors = new ValidationErrors();
        ChannelValidator.Validate(new[] { cfg }, "channels", errors);
        return errors;
    }

    [Fact]
    public void TighterSite_IsValid()
    {
        var errors = ValidateSite("MINE_CH4_FACE", l => l.With(l.Threshold - 0.2, l.Restore - 0.2, 0, 5000, true));
        Assert.False(errors.HasErrors);
    }

    [Fact]
    public void LooserThreshold_IsAnErrorNamingProfileAndStandard()
    {
        var errors = ValidateSite("MINE_CH4_FACE", l => l.Kind == LevelKind.Trip ? l.With(2.0, l.Restore, 0, 0, true) : l);
        Assert.True(errors.HasErrors);
        var e = errors[0];
        Assert.Equal("channels[0].levels[1].threshold", e.Path);
        Assert.Equal("looser_than_standard", e.Code);
        Assert.Contains("MINE_CH4_FACE", e.English);
        Assert.Contains("AQ 1029-2019", e.English);
        Assert.Contains("2 %vol", e.English);
        Assert.Contains("1.5 %vol", e.English);
        Assert.Contains("宽松", e.Chinese);
    }

    [Fact]
    public void LooserRestore_DroppedLevel_LongerOnDelay_AndUnlatching_AreErrors()
    {
        Assert.True(ValidateSite("MINE_CH4_FACE", l => l.Kind == LevelKind.Trip ? l.With(1.5, 1.2, 0, 0, true) : l).Contains("looser_than_standard"));
        Assert.True(ValidateSite("MINE_CH4_FACE", l => l.Kind == LevelKind.Trip ? null : l).Contains("level_missing"));
        Assert.True(ValidateSite("MINE_CH4_FACE", l => l.With(l.Threshold, l.Restore, 5000, 0, l.Latching)).Contains("looser_than_standard"));
        Assert.True(ValidateSite("MINE_CH4_FACE", l => l.With(l.Threshold, l.Restore, 0, 0, false)).Contains("looser_than_standard"));
    }

    [Fact]
    public void LowLevel_LooserMeansLowerThreshold()
    {
        Assert.True(ValidateSite("MINE_O2", l => l.With(19.0, 19.0, 0, 0, false)).Contains("looser_than_standard"));
        Assert.False(ValidateSite("MINE_O2", l => l.With(20.5, 21.0, 0, 0, false)).HasErrors);
    }

    [Fact]
    public void StructuralErrors_AreAllReportedWithPaths()
    {
        var bad = new ChannelConfig("a", "", Unit.Ppm, new[]
        {
            new LevelConfig(LevelKind.Alarm, Direction.High, 10, 12, -1, 0, false),
            new LevelConfig(LevelKind.Alarm, Direction.Low, 5, 4, 0, 0, false),
            new LevelConfig(LevelKind.Trip, Direction.High, 900, 800, 0, 0, true),
        }, 0, 0, 100, 0);
        var dup = new ChannelConfig("a", "NO_SUCH_PROFILE", Unit.Ppm, Array.Empty<LevelConfig>(), 1000, 0, 100, 1000);
        var errors = new ValidationErrors();
        ChannelValidator.Validate(new[] { bad, dup }, "channels", errors);
        var codes = Enumerable.Range(0, errors.Count).Select(i => errors[i].Path + " " + errors[i].Code).ToList();
        Assert.Contains("channels[0].levels[0].restore restore_wrong_side", codes);
        Assert.Contains("channels[0].levels[0] negative_delay", codes);
        Assert.Contains("channels[0].levels[1].restore restore_wrong_side", codes);
        Assert.Contains("channels[0].levels[2].threshold threshold_outside_range", codes);
        Assert.Contains("channels[0].maxAgeMs max_age_invalid", codes);
        Assert.Contains("channels[0].maxInhibitMs max_inhibit_invalid", codes);
        Assert.Contains("channels[1].id duplicate_id", codes);
        Assert.Contains("channels[1].profile unknown_profile", codes);
    }

    [Fact]
    public void MineChannel_WithMaxAgeBeyondThirtySeconds_IsLooser()
    {
        var p = ProfileCatalog.Find("MINE_CH4_FACE")!;
        var cfg = new ChannelConfig("x", p.Id, p.Unit, p.Levels, 31000, 0, 4, 1000);
        var errors = new ValidationErrors();
        ChannelValidator.Validate(new[] { cfg }, "channels", errors);
        Assert.True(errors.Contains("looser_than_standard"));
    }

    [Fact]
    public void UnitMismatch_IsAnError()
    {
        var p = ProfileCatalog.Find("MINE_CH4_FACE")!;
        var cfg = new ChannelConfig("x", p.Id, Unit.PercentLel, p.Levels, 30000, 0, 4, 1000);
        var errors = new ValidationErrors();
        ChannelValidator.Validate(new[] { cfg }, "channels", errors);
        Assert.True(errors.Contains("unit_mismatch"));
    }
}
