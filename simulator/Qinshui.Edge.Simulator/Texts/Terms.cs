using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Texts;

/// <summary>
/// The words of the gateway's state in English and Chinese: alarm levels, level states,
/// reading qualities, zone states, welding states, event sources. Chinese follows the wording of
/// AQ 6201 / AQ 1029 / GB 30871 (预警, 报警, 断电, 复电, 故障, 标校, 屏蔽, 复位, 动火作业).
/// </summary>
public static class Terms
{
    /// <summary>Level kinds (LevelNames.Kind) and the exposure averages (GBZ 2.1 PC-STEL / PC-TWA).</summary>
    public static readonly IReadOnlyDictionary<string, LocalText> LevelKinds = new Dictionary<string, LocalText>(StringComparer.Ordinal)
    {
        ["warning"] = new("warning", "预警"),
        ["alarm"] = new("alarm", "报警"),
        ["trip"] = new("trip", "断电"),
        ["trip2"] = new("trip2", "二级断电"),
    };

    public static readonly IReadOnlyDictionary<string, LocalText> LevelSources = new Dictionary<string, LocalText>(StringComparer.Ordinal)
    {
        ["instant"] = new("", ""),
        ["stel"] = new(" (STEL)", "（短时接触 STEL）"),
        ["twa"] = new(" (TWA)", "（8 小时加权 TWA）"),
    };

    /// <summary>LevelStatusNames.Name.</summary>
    public static readonly IReadOnlyDictionary<string, LocalText> LevelStatuses = new Dictionary<string, LocalText>(StringComparer.Ordinal)
    {
        ["normal"] = new("normal", "正常"),
        ["pending"] = new("pending", "延时中"),
        ["active"] = new("active", "超限"),
        ["cleared_awaiting_reset"] = new("cleared awaiting reset", "已恢复待复位"),
        ["fault"] = new("fault", "故障"),
        ["inhibited"] = new("inhibited", "屏蔽"),
    };

    /// <summary>QualityRules.FlagName, and "good".</summary>
    public static readonly IReadOnlyDictionary<string, LocalText> Qualities = new Dictionary<string, LocalText>(StringComparer.Ordinal)
    {
        ["good"] = new("good", "正常"),
        ["stale"] = new("stale", "数据过期"),
        ["comm_fault"] = new("comm_fault", "通信故障"),
        ["out_of_range"] = new("out_of_range", "超量程"),
        ["sensor_fault"] = new("sensor_fault", "传感器故障"),
        ["warming_up"] = new("warming_up", "预热中"),
        ["inhibited"] = new("inhibited", "屏蔽"),
        ["calibration_overdue"] = new("calibration_overdue", "标校过期"),
        ["clock_untrusted"] = new("clock_untrusted", "时钟不可信"),
        ["no_data"] = new("no_data", "无数据"),
        ["stuck"] = new("stuck", "读数冻结"),
    };

    /// <summary>Zone states the simulator shows (RealGateway.ZoneStateName, and "off" when the gateway has no power).</summary>
    public static readonly IReadOnlyDictionary<string, LocalText> ZoneStates = new Dictionary<string, LocalText>(StringComparer.Ordinal)
    {
        ["permitted"] = new("permitted", "许可送电"),
        ["tripped"] = new("tripped", "断电闭锁"),
        ["standby"] = new("standby", "待许可"),
        ["off"] = new("off", "停电"),
    };

    public static readonly IReadOnlyDictionary<string, LocalText> WeldingStates = new Dictionary<string, LocalText>(StringComparer.Ordinal)
    {
        ["unlocked"] = new("unlocked", "已解锁"),
        ["locked"] = new("locked", "已锁定"),
    };

    public static LocalText Source(SimEventSource s) => s switch
    {
        SimEventSource.Timeline => new("timeline", "时间线"),
        SimEventSource.Plant => new("plant", "现场"),
        _ => new("gateway", "网关"),
    };

    /// <summary>A level's name as the view carries it: kind with an optional "_stel"/"_twa" suffix.</summary>
    public static LocalText Level(string name)
    {
        int us = name.IndexOf('_');
        string kind = us > 0 ? name[..us] : name;
        string source = us > 0 ? name[(us + 1)..] : "instant";
        var k = LevelKinds.TryGetValue(kind, out var t) ? t : LocalText.Same(kind);
        var s = LevelSources.TryGetValue(source, out var u) ? u : LocalText.Same("_" + source);
        return k + s;
    }

    public static LocalText LevelStatus(string status) => LevelStatuses.TryGetValue(status, out var t) ? t : LocalText.Same(status);

    /// <summary>
    /// A level in its state as one phrase: "alarm active" / 报警, "trip pending" / 断电延时中. Chinese
    /// does not say "报警 报警": an active level is named by its kind alone.
    /// </summary>
    public static LocalText LevelInState(string level, string status)
    {
        var l = Level(level);
        var s = LevelStatus(status);
        return status switch
        {
            "active" => new($"{l.En} active", l.Zh),
            "pending" => new($"{l.En} pending", l.Zh + "延时中"),
            "cleared_awaiting_reset" => new($"{l.En} cleared awaiting reset", l.Zh + "已恢复，待复位"),
            _ => new($"{l.En} {s.En}", s.Zh),
        };
    }

    /// <summary>"good" or the quality flags, each translated, joined with '|' (en) or '、' (zh).</summary>
    public static LocalText Quality(Quality q)
    {
        if (q == Core.Domain.Quality.Good) return Qualities["good"];
        var en = new List<string>();
        var zh = new List<string>();
        for (int i = 0; i < QualityRules.FlagCount; i++)
        {
            if ((q & QualityRules.FlagAt(i)) == 0) continue;
            string name = QualityRules.FlagName(i);
            en.Add(name);
            zh.Add(Qualities.TryGetValue(name, out var t) ? t.Zh : name);
        }
        return new(string.Join("|", en), string.Join("、", zh));
    }

    /// <summary>A unit as a person writes it (the configuration's ASCII spelling degC, m3/h, mg/m3 shown as °C, m³/h, mg/m³).</summary>
    public static string UnitSymbol(Unit u) => Units.Symbol(u) switch
    {
        "degC" => "°C",
        "m3/h" => "m³/h",
        "mg/m3" => "mg/m³",
        var s => s,
    };

    public static LocalText ZoneState(string state) => ZoneStates.TryGetValue(state, out var t) ? t : LocalText.Same(state);

    public static LocalText WeldingState(string state) => WeldingStates.TryGetValue(state, out var t) ? t : LocalText.Same(state);
}
