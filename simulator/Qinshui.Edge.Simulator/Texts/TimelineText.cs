using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Texts;

/// <summary>What a timeline action does, as the run's event log says it (English: TimelineAction.Describe).</summary>
public static class TimelineText
{
    /// <summary>Fault modes of sensors, relays, contacts and buses (TimelineReader's lists).</summary>
    public static readonly IReadOnlyDictionary<string, string> FaultModesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["stuck"] = "读数冻结",
        ["open_loop"] = "回路断线",
        ["over_range"] = "超量程",
        ["comm_loss"] = "通信中断",
        ["crc_noise"] = "校验错误干扰",
        ["modbus_exception"] = "Modbus 异常应答",
        ["drift"] = "零点漂移",
        ["weld_shut"] = "触点粘连",
        ["stuck_open"] = "触点卡开",
        ["unreadable"] = "无法读取",
        ["chatter"] = "抖动",
        ["noise"] = "总线干扰",
        ["disconnected"] = "总线断开",
    };

    /// <summary>Plant properties a timeline sets or ramps.</summary>
    public static readonly IReadOnlyDictionary<string, string> PropertiesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [WellMixedGas.Leak] = "涌出量（m³/min）",
        [WellMixedGas.Ventilation] = "风量（m³/min）",
        [WellMixedGas.Volume] = "空间体积（m³）",
        [WellMixedGas.Background] = "本底浓度",
        [WellMixedGas.Concentration] = "浓度",
        [SetPointVariable.ValueProperty] = "数值",
    };

    public static LocalText Describe(TimelineAction a) => new(a.Describe(), Chinese(a));

    private static string Chinese(TimelineAction a)
    {
        string prop = a.Property.Length > 0 ? " " + (PropertiesZh.TryGetValue(a.Property, out var p) ? p : a.Property) : "";
        string mode = FaultModesZh.TryGetValue(a.Mode, out var m) ? m : a.Mode;
        return a.Kind switch
        {
            ActionKind.Set => a.BoolValue is bool b ? $"设定 {a.Target} = {(b ? "接通" : "断开")}" : $"设定 {a.Target}{prop} = {a.Value:0.###}",
            ActionKind.Ramp => $"{a.Target}{prop} 在 {Duration.Format(a.OverMs)} 内渐变至 {a.Value:0.###}",
            ActionKind.Fault => $"注入故障 {a.Target}：{mode}",
            ActionKind.Restore => $"恢复 {a.Target}",
            ActionKind.TapCard => $"在 {a.Target} 刷卡 {a.Card}",
            ActionKind.PushPermit => $"平台下发作业票{(a.Target.Length > 0 ? " " + a.Target : "")}",
            ActionKind.BrokerDown => "MQTT 代理服务器中断",
            ActionKind.BrokerUp => "MQTT 代理服务器恢复",
            ActionKind.PressReset => $"按复位按钮 {(a.Target == "all" ? "（全部区域）" : a.Target)}",
            ActionKind.PowerCut => $"网关停电 {Duration.Format(a.ForMs)}",
            ActionKind.PressEstop => $"按下急停 {a.Target}",
            ActionKind.ReleaseEstop => $"释放急停 {a.Target}",
            ActionKind.Command => $"平台发送命令{(a.Target.Length > 0 ? " " + a.Target : "")}",
            ActionKind.Note => a.Text,
            ActionKind.LoopMilliamps => $"回路 {a.Target} = {a.Value:0.###} mA",
            ActionKind.ProofTest => $"联锁试验 {a.Target}",
            ActionKind.SetClock => "网关时钟" + (a.JumpMs != 0 ? (a.JumpMs < 0 ? "回拨 " : "前调 ") + Duration.Format(Math.Abs(a.JumpMs)) : "")
                + (a.BoolValue is bool tr ? (a.JumpMs != 0 ? "，" : "") + (tr ? "可信" : "不可信") : ""),
            _ => a.Target,
        };
    }
}
