namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>
/// The words a person reads for what the feed decodes, in English and Chinese: alarm levels, level
/// states, quality bits (docs/mqtt.md "data") and alarm transitions. One table for the monitor and
/// the web view.
/// </summary>
public static class FeedText
{
    private static readonly (int Bit, string En, string Zh)[] s_quality =
    [
        (1, "stale", "数据陈旧"), (2, "comm fault", "通信故障"), (4, "out of range", "超量程"), (8, "sensor fault", "传感器故障"),
        (16, "warming up", "预热中"), (32, "inhibited", "已抑制"), (64, "calibration overdue", "标定过期"),
        (128, "clock untrusted", "时钟不可信"), (256, "no data", "无数据"), (512, "stuck", "数值冻结"),
    ];

    public static string Level(string kind, string lang) => lang == "zh" ? LevelZh(kind) : kind;

    public static string LevelZh(string kind) => kind switch
    {
        "warning" => "预警",
        "alarm" => "报警",
        "trip" => "断电",
        "trip2" => "二级断电",
        _ => kind,
    };

    public static string State(string state, string lang) => lang == "zh" ? StateZh(state) : state switch
    {
        "cleared_awaiting_reset" => "cleared, reset needed",
        _ => state,
    };

    public static string StateZh(string state) => state switch
    {
        "normal" => "正常",
        "pending" => "待确认",
        "active" => "激活",
        "cleared_awaiting_reset" => "已恢复，需复位",
        "fault" => "故障",
        "inhibited" => "已抑制",
        _ => state,
    };

    public static string TransitionZh(string transition) => transition switch
    {
        "acknowledged" => "已确认",
        "reset" => "已复位",
        "inhibit_started" => "开始抑制",
        "inhibit_ended" => "结束抑制",
        "quality_changed" => "质量变化",
        "level_changed" => "级别变化",
        _ => transition,
    };

    /// <summary>The names of the quality bits set, joined; "" for good quality.</summary>
    public static string Quality(int bits, string lang) =>
        bits <= 0 ? "" : string.Join(lang == "zh" ? "、" : ", ", s_quality.Where(q => (bits & q.Bit) != 0).Select(q => lang == "zh" ? q.Zh : q.En));

    public static string ResetNeeded(string lang) => lang == "zh" ? "需复位" : "reset needed";

    /// <summary>A level's limit as a person reads it: "trip ≥ 1.5 (restore < 1)" or "≤ 19.5" for a low level.</summary>
    public static string Limit(LevelView l, string lang)
    {
        bool low = l.Direction == "low";
        string limit = $"{Level(l.Kind, lang)}{(l.Source != "instant" ? "(" + l.Source.ToUpperInvariant() + ")" : "")} {(low ? "≤" : "≥")} {l.Threshold:0.###}";
        if (double.IsNaN(l.Restore)) return limit;
        return limit + (lang == "zh" ? $"（恢复 {(low ? ">" : "<")} {l.Restore:0.###}）" : $" (restore {(low ? ">" : "<")} {l.Restore:0.###})");
    }
}
