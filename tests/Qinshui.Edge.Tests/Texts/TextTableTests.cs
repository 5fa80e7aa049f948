using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Tests.Texts;

/// <summary>Every value of the enums a person reads about has Chinese text (no English fallback, no "unknown").</summary>
public sealed class TextTableTests
{
    private static bool IsChinese(string s) => s.Any(c => c >= '\u4e00' && c <= '\u9fff');

    [Fact]
    public void EveryEventKind_HasEnglishAndChineseText()
    {
        foreach (EventKind k in Enum.GetValues<EventKind>())
        {
            Assert.True(IsChinese(EventKinds.Chinese(k)) && EventKinds.Chinese(k) != "未知事件。", $"{k}: {EventKinds.Chinese(k)}");
            Assert.NotEqual("Unknown event.", EventKinds.English(k));
        }
    }

    [Fact]
    public void EveryCause_HasChineseText_AndDescribesItsCode()
    {
        foreach (ConditionKind k in Enum.GetValues<ConditionKind>())
        {
            Assert.True(IsChinese(Conditions.Chinese(k)) && Conditions.Chinese(k) != "未知", k.ToString());
            var t = CauseText.Describe(Conditions.Code(k) + ":ch-1");
            Assert.True(IsChinese(t.Zh) && t.Zh.Contains("ch-1"), $"{k}: {t.Zh}");
            Assert.True(IsChinese(CauseText.Describe("latched:" + Conditions.Code(k)).Zh), k.ToString());
        }
    }

    [Fact]
    public void EveryQualityFlag_HasChineseText()
    {
        Assert.Equal("正常", Terms.Quality(Quality.Good).Zh);
        for (int i = 0; i < QualityRules.FlagCount; i++)
        {
            string zh = Terms.Quality(QualityRules.FlagAt(i)).Zh;
            Assert.True(IsChinese(zh), $"{QualityRules.FlagName(i)}: {zh}");
        }
        Assert.Equal("通信故障、无数据", Terms.Quality(Quality.CommunicationFault | Quality.NoData).Zh);
    }

    [Fact]
    public void EveryLevelStatusAndKind_HasChineseText()
    {
        foreach (LevelStatus s in Enum.GetValues<LevelStatus>()) Assert.True(IsChinese(Terms.LevelStatus(LevelStatusNames.Name(s)).Zh), s.ToString());
        foreach (LevelKind k in Enum.GetValues<LevelKind>()) Assert.True(IsChinese(Terms.Level(LevelNames.Kind(k)).Zh), k.ToString());
        foreach (var source in new[] { "stel", "twa" }) Assert.True(IsChinese(Terms.Level("alarm_" + source).Zh), source);
    }

    [Theory]
    [InlineData("alarm", "active", "报警")]
    [InlineData("trip", "active", "断电")]
    [InlineData("trip", "pending", "断电延时中")]
    [InlineData("alarm", "cleared_awaiting_reset", "报警已恢复，待复位")]
    [InlineData("alarm", "fault", "故障")]
    public void ActiveLevel_IsNamedOnce_NotAlarmAlarm(string level, string status, string zh)
    {
        Assert.Equal(zh, Terms.LevelInState(level, status).Zh);
        Assert.Equal($"{level} {status.Replace('_', ' ')}", Terms.LevelInState(level, status).En);
    }

    [Fact]
    public void EveryZoneAndWeldingState_HasChineseText()
    {
        foreach (var s in new[] { "permitted", "tripped", "standby", "off" }) Assert.True(IsChinese(Terms.ZoneState(s).Zh), s);
        foreach (var s in new[] { "locked", "unlocked" }) Assert.True(IsChinese(Terms.WeldingState(s).Zh), s);
    }
}
