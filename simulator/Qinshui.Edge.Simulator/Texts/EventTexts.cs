using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Simulator.Texts;

/// <summary>
/// Every sentence of a run's event log, in English and Chinese: what the gateway changed
/// (outputs, zones, levels, qualities, welding), what reached the platform, and what the run did.
/// The English sentences are the ones the log always had (scenario expectations and tests read them).
/// </summary>
public static class EventTexts
{
    public static LocalText Booted(long boot) => new(
        $"gateway booted (boot {boot}); every zone off until its conditions hold, settle and a reset",
        $"网关启动（第 {boot} 次）：各区域保持断电，待条件满足、稳定并复位后送电");

    public static LocalText NotOperational(string failure) => new(
        $"gateway NOT operational: {failure}", $"网关无法运行，所有输出断电：{failure}");

    public static LocalText Reset(string zone, ZoneResetOutcome o, string enOutcome) => new(
        $"zone {zone} local reset: {enOutcome}", $"区域 {zone} 就地复位：{ZoneOutcomeText.Chinese(o)}");

    public static LocalText ResetOf(string target, ZoneResetOutcome o, string enOutcome) => new(
        $"reset of {target}: {enOutcome}", $"{target} 复位：{ZoneOutcomeText.Chinese(o)}");

    public static LocalText CommandSent(string cmd, string id, int bytes, bool forged) => new(
        $"platform → gateway: {cmd} ({id}), {bytes} bytes{(forged ? ", forged MAC" : "")}",
        $"平台 → 网关：命令 {id}（{Command(cmd)}），{bytes} 字节{(forged ? "，伪造的消息认证码" : "")}");

    /// <summary>The platform commands (docs/mqtt.md) by name.</summary>
    public static string Command(string cmd) => cmd switch
    {
        "trip" => "远程断电",
        "reset" => "远程复位",
        "permit" => "下发作业票",
        "cancel_permit" => "撤销作业票",
        "inhibit" => "屏蔽通道",
        "release_inhibit" => "解除屏蔽",
        "proof_test" => "联锁试验",
        "rebirth" => "重发上线消息",
        "set_time" => "校时",
        "registry" => "更新登记名录",
        "config" => "下发配置",
        _ => "未知命令",
    };

    public static LocalText Log(string level, string message) => new(message, $"网关日志（{(level == "error" ? "错误" : "警告")}）：{message}");

    public static LocalText ProofTestStarted(string zone) => new(
        $"zone {zone}: proof test started at the gateway", $"区域 {zone}：在网关处开始联锁试验");

    public static LocalText ProofTestRefused(string zone, ProofTestOutcome o) => new(
        $"zone {zone}: proof test refused ({ZoneOutcomeText.Code(o)}): {ZoneOutcomeText.English(o)}",
        $"区域 {zone}：联锁试验被拒绝：{ZoneOutcomeText.Chinese(o)}");

    public static LocalText OutputOn(string id) => new($"output {id} energised", $"输出 {id} 已送电");

    public static LocalText OutputOff(string id, string cause) => new(
        $"output {id} de-energised ({cause})", $"输出 {id} 已断电（{CauseText.Describe(cause).Zh}）");

    public static LocalText Zone(string id, string state, string cause)
    {
        var s = Terms.ZoneState(state);
        return state == "permitted"
            ? new($"zone {id} {state}", $"区域 {id} {s.Zh}")
            : new($"zone {id} {state} ({cause})", $"区域 {id} {s.Zh}（{CauseText.Describe(cause).Zh}）");
    }

    public static LocalText Level(string channel, string level, string before, string status) => new(
        $"{channel} {level}: {before} → {status}",
        $"{channel} {Terms.Level(level).Zh}：{Terms.LevelStatus(before).Zh} → {Terms.LevelStatus(status).Zh}");

    public static LocalText Quality(string channel, Core.Domain.Quality q) => new(
        $"{channel} quality {Terms.Quality(q).En}", $"{channel} 数据质量：{Terms.Quality(q).Zh}");

    public static LocalText WeldingStarted(string station, string machine, string welder, string permit) => new(
        $"welding at {station}: machine {machine}, welder {welder}, permit {permit}",
        $"{station} 开始电焊作业：焊机 {machine}，焊工 {welder}，作业票 {permit}");

    public static LocalText WeldingStopped(string station, WeldingReason reason) => new(
        $"welding at {station} stopped ({WeldingReasonText.Code(reason)})",
        $"{station} 电焊作业停止（{Trim(WeldingReasonText.Chinese(reason))}）");

    public static LocalText Reply(string id, bool ok, string code, string en, string zh) => new(
        $"reply to {id}: {(ok ? "accepted" : "refused " + code)} — {en}",
        $"命令 {id} 的回复：{(ok ? "已接受" : "被拒绝")} — {zh}");

    /// <summary>An event the platform received (its en/zh texts come from the gateway's own tables).</summary>
    public static LocalText PlatformEvent(string kind, string subject, string reason, string en, string zh) => new(
        $"event {kind} {subject} {reason}: {en}".Trim(),
        $"平台收到事件 {subject}：{(zh.Length > 0 ? zh : PlatformEventKind(kind))}");

    public static LocalText PlatformReason(string kind, string reason) => new(
        $"{kind}: {reason}", $"{PlatformEventKind(kind)}：{Reason(reason)}");

    /// <summary>A reason code of a platform event in words: a welding reason, a cause, or the code itself.</summary>
    public static string Reason(string code)
    {
        for (int r = 0; r <= 60; r++)
        {
            var wr = (WeldingReason)r;
            if (WeldingReasonText.Code(wr) == code && WeldingReasonText.Chinese(wr).Length > 0) return Trim(WeldingReasonText.Chinese(wr));
        }
        return CauseText.TryKind(code, out var k) ? Conditions.Chinese(k) : code;
    }

    /// <summary>Event kinds of the gateway's event stream (docs/events.md) in Chinese.</summary>
    public static string PlatformEventKind(string kind)
    {
        for (int k = 0; k <= 40; k++)
        {
            var ek = (Core.Events.EventKind)k;
            if (Core.Events.EventKinds.Code(ek) == kind) return Trim(Core.Events.EventKinds.Chinese(ek));
        }
        return "事件";
    }

    public static LocalText PayloadInvalid(string topic) => new(
        $"the platform received a payload it cannot read on {topic}", $"平台在 {topic} 上收到无法解析的消息");

    public static readonly LocalText PowerRestored = new("gateway power restored", "网关复电");
    public static readonly LocalText PermitNotDelivered = new("the gateway in this run takes no permits", "本次运行的网关不接收作业票");
    public static readonly LocalText ProofTestNotStarted = new("the gateway in this run is off or has no proof test", "本次运行的网关已停电或不支持联锁试验");
    public static readonly LocalText ClockNotSet = new("the gateway in this run has no wall clock of its own", "本次运行的网关没有自己的时钟");
    public static readonly LocalText CommandNotDelivered = new("the gateway in this run takes no commands", "本次运行的网关不接收命令");

    private static string Trim(string s) => s.TrimEnd('。', '.');
}
