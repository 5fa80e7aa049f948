using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Texts;

/// <summary>Expectations and their conditions in words (English: Expectation.Describe / Condition.Describe).</summary>
public static class ExpectationText
{
    public static LocalText Describe(Expectation e)
    {
        if (e.Description.Length > 0) return LocalText.Same(e.Description);
        string window = (e.FromMs > 0 ? "，自 " + Duration.Format(e.FromMs) : "") + (e.UntilMs is long u ? "，至 " + Duration.Format(u) : "");
        string zh = e.Kind switch
        {
            ExpectationKind.Within => $"{Condition(e.When!).Zh} 之后 {Duration.Format(e.WithinMs)} 内 {Condition(e.Then!).Zh}",
            ExpectationKind.Eventually => $"最终 {Condition(e.Condition!).Zh}{(e.ByMs is long b ? "（" + Duration.Format(b) + " 前）" : "")}",
            ExpectationKind.Never => $"始终不出现：{Condition(e.Condition!).Zh}",
            ExpectationKind.Always => $"始终保持：{Condition(e.Condition!).Zh}",
            ExpectationKind.Check => Check(e.Check),
            ExpectationKind.Count => $"至多 {e.AtMost} 次：{(e.MessageKind.Length > 0 ? "平台消息（" + MessageKind(e.MessageKind) + "）" : Condition(e.Condition!).Zh)}{window}",
            ExpectationKind.Reply => $"命令 {e.CommandId} 的回复：{(e.ReplyAccepted ? "已接受" : "被拒绝（" + EventCodeText.Zh(e.ReplyReason) + "）")}",
            _ => e.Id,
        };
        return new(e.Describe(), zh);
    }

    public static string Check(string check) => check switch
    {
        "no_reading_lost" => "平台未丢失任何读数",
        "event_chain_intact" => "事件哈希链完整",
        "journal_replayed" => "断线期间的记录已补发",
        "no_duplicates" => "平台未收到重复消息",
        _ => check,
    };

    public static string MessageKind(string kind) => kind switch
    {
        "birth" => "上线",
        "data" => "数据",
        "alarm" => "报警",
        "event" => "事件",
        "health" => "状态",
        "reply" => "回复",
        "meta" => "元数据",
        "death" => "离线",
        _ => kind,
    };

    public static LocalText Condition(Condition c)
    {
        string op = c.Op switch { Comparison.Gte => "≥", Comparison.Gt => ">", Comparison.Lte => "≤", Comparison.Lt => "<", _ => "?" };
        string zh = c.Kind switch
        {
            ConditionKind.Reading => $"{c.Subject} 读数 {op} {c.Value:0.###}",
            ConditionKind.PlantValue => $"现场 {c.Subject} 真实值 {op} {c.Value:0.###}",
            ConditionKind.SensorValue => $"传感器 {c.Subject} {op} {c.Value:0.###}",
            ConditionKind.Level => $"{c.Subject} {Terms.Level(c.Detail).Zh}{(c.Is == "tripping" ? "动作" : Terms.LevelStatus(c.Is).Zh)}",
            ConditionKind.Quality => $"{c.Subject} 数据质量{(c.Is == "bad" ? "故障" : Terms.Qualities.TryGetValue(c.Is, out var q) ? q.Zh : c.Is)}",
            ConditionKind.Output => $"输出 {c.Subject} {(c.Is == "on" ? "送电" : "断电")}",
            ConditionKind.Load => $"负载 {c.Subject} {(c.Is == "powered" ? "有电" : "无电")}",
            ConditionKind.Contact => $"触点 {c.Subject} {(c.Is == "active" ? "闭合" : "断开")}",
            ConditionKind.Zone => $"区域 {c.Subject} {Terms.ZoneState(c.Is).Zh}",
            ConditionKind.Welding => $"焊机 {c.Subject} {Terms.WeldingState(c.Is).Zh}",
            ConditionKind.Mqtt => c.Is == "connected" ? "MQTT 已连接" : "MQTT 已断开",
            ConditionKind.Event => $"事件：{EventCodeText.Zh(c.Is)}{(c.Subject.Length > 0 ? "（" + c.Subject + "）" : "")}",
            ConditionKind.At => $"t ≥ {Duration.Format(c.AtMs)}",
            ConditionKind.All => string.Join(" 且 ", c.Children.Select(x => Condition(x).Zh)),
            ConditionKind.Any => string.Join(" 或 ", c.Children.Select(x => Condition(x).Zh)),
            ConditionKind.Not => $"非（{Condition(c.Children[0]).Zh}）",
            _ => "?",
        };
        return new(c.Describe(), zh);
    }
}
