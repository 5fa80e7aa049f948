using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Simulator.Texts;

/// <summary>
/// Event codes (the stable names scenarios and logs use) in Chinese words, for expectation texts:
/// the simulator's own codes here, the gateway's from its tables (EventKinds, Conditions, WeldingReasonText).
/// </summary>
public static class EventCodeText
{
    public static readonly IReadOnlyDictionary<string, string> SimulatorCodesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["output_on"] = "输出送电",
        ["output_off"] = "输出断电",
        ["zone_permitted"] = "区域许可送电",
        ["zone_tripped"] = "区域断电闭锁",
        ["zone_standby"] = "区域待许可",
        ["level_normal"] = "级别恢复正常",
        ["level_pending"] = "级别延时中",
        ["level_active"] = "级别超限",
        ["level_cleared_awaiting_reset"] = "级别已恢复待复位",
        ["level_fault"] = "级别故障",
        ["level_inhibited"] = "级别屏蔽",
        ["quality_changed"] = "数据质量变化",
        ["welding_started"] = "电焊作业开始",
        ["welding_stopped"] = "电焊作业停止",
        ["reply_accepted"] = "命令已接受",
        ["reply_refused"] = "命令被拒绝",
        ["platform_payload_invalid"] = "平台收到无法解析的消息",
        ["boot"] = "网关启动",
        ["command_sent"] = "平台发送命令",
        ["log_warning"] = "网关日志警告",
        ["log_error"] = "网关日志错误",
        ["proof_test_start_accepted"] = "联锁试验已开始",
        ["proof_test_start_refused"] = "联锁试验被拒绝",
        ["power_restored"] = "网关复电",
        ["power_cut"] = "网关停电",
        ["permit_not_delivered"] = "作业票未送达",
        ["proof_test_not_started"] = "联锁试验未开始",
        ["clock_not_set"] = "时钟未设置",
        ["command_not_delivered"] = "命令未送达",
        ["press_reset"] = "按复位按钮",
        ["press_estop"] = "按下急停",
        ["release_estop"] = "释放急停",
        ["tap_card"] = "刷卡",
        ["push_permit"] = "下发作业票",
        ["broker_down"] = "代理服务器中断",
        ["broker_up"] = "代理服务器恢复",
        ["config_transfer_expired"] = "配置传输过期",
        ["clock_trusted"] = "时钟已同步",
        ["clock_untrusted"] = "时钟不可信",
        ["clock_jump"] = "时钟跳变",
        ["command_accepted"] = "命令已接受",
        ["command_refused"] = "命令被拒绝",
        ["command_refusals_suppressed"] = "重复的命令拒绝已合并",
        ["journal_damaged"] = "日志存储损坏",
    };

    /// <summary>The code in Chinese words; the code itself when nothing names it (the zh test reports those).</summary>
    public static string Zh(string code)
    {
        if (SimulatorCodesZh.TryGetValue(code, out var s)) return s;
        for (int k = 0; k <= 40; k++)
        {
            if (EventKinds.Code((EventKind)k) == code) return EventKinds.Chinese((EventKind)k).TrimEnd('。');
        }
        for (int r = 1; r <= 60; r++)
        {
            var wr = (WeldingReason)r;
            if (WeldingReasonText.Code(wr) == code && WeldingReasonText.Chinese(wr).Length > 0) return WeldingReasonText.Chinese(wr).TrimEnd('。');
        }
        if (CauseText.TryKind(code, out var c)) return Conditions.Chinese(c);
        for (int o = 0; o <= 8; o++)
        {
            var zo = (ZoneResetOutcome)o;
            if (ZoneOutcomeText.Code(zo) == code) return ZoneOutcomeText.Chinese(zo).TrimEnd('。');
        }
        return code;
    }
}
