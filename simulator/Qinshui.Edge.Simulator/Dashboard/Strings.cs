namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>Dashboard and report wording in English and Chinese.</summary>
public sealed class Strings
{
    private readonly bool _zh;

    public Strings(string lang)
    {
        _zh = lang == "zh";
    }

    public string Lang => _zh ? "zh" : "en";
    public string Channels => _zh ? "通道" : "Channels";
    public string Channel => _zh ? "通道" : "Channel";
    public string Value => _zh ? "数值" : "Value";
    public string Unit => _zh ? "单位" : "Unit";
    public string Quality => _zh ? "质量" : "Quality";
    public string Alarm => _zh ? "报警" : "Alarm";
    public string Outputs => _zh ? "输出（许可继电器）" : "Outputs (permissive relays)";
    public string Output => _zh ? "输出" : "Output";
    public string State => _zh ? "状态" : "State";
    public string Load => _zh ? "负载" : "Load";
    public string Reason => _zh ? "原因" : "Reason";
    public string Zones => _zh ? "区域" : "Zones";
    public string ProofTestOverdue => _zh ? "联锁试验逾期" : "proof test overdue";
    public string Welding => _zh ? "电焊作业" : "Welding sessions";
    public string Link => _zh ? "MQTT 链路" : "MQTT link";
    public string Journal => _zh ? "日志队列深度" : "Journal depth";
    public string Events => _zh ? "事件" : "Events";
    public string Time => _zh ? "时间" : "Time";
    public string On => _zh ? "通电" : "on";
    public string Off => _zh ? "断电" : "off";
    public string Powered => _zh ? "有电" : "powered";
    public string Unpowered => _zh ? "无电" : "unpowered";
    public string Connected => _zh ? "已连接" : "connected";
    public string Disconnected => _zh ? "已断开" : "disconnected";
    public string NotAvailable => _zh ? "（网关尚未提供）" : "(not provided by this gateway yet)";
    public string GatewayOff => _zh ? "网关断电" : "gateway power off";
    public string Expectations => _zh ? "预期" : "Expectations";
    public string Passed => _zh ? "通过" : "passed";
    public string Failed => _zh ? "失败" : "failed";
    public string NotEvaluable => _zh ? "暂不可评估" : "not evaluable yet";
    public string Measured => _zh ? "实测" : "Measured";
    public string Limit => _zh ? "限值" : "Limit";
    public string Detail => _zh ? "说明" : "Detail";
    public string Report => _zh ? "仿真报告" : "Simulation report";
    public string TrueValue => _zh ? "真实值" : "true value";
    public string Reading => _zh ? "网关读数" : "gateway reading";
    public string Plant => _zh ? "现场（真实值）" : "Plant (true values)";
    public string Broker => _zh ? "代理服务器" : "broker";
    public string Available => _zh ? "可用" : "available";
    public string Down => _zh ? "中断" : "down";

    public string Verdict(Scenarios.Verdict v) => v switch
    {
        Scenarios.Verdict.Passed => Passed,
        Scenarios.Verdict.Failed => Failed,
        _ => NotEvaluable,
    };

    public string LoadOn => _zh ? "负载有电" : "load on";
    public string LoadOff => _zh ? "负载无电" : "load off";
    public string OfLimit => _zh ? "距限值" : "of limit";
    public string ZoneLabel => _zh ? "区域 " : "zone ";
    public string WelderLabel => _zh ? "焊机 " : "welder ";
    public string Id => _zh ? "编号" : "id";
    public string Welded => _zh ? "触点粘连" : "welded";
    public string Source => _zh ? "来源" : "source";
    public string Code => _zh ? "代码" : "code";
    public string Seed => _zh ? "随机种子" : "seed";
    public string Step => _zh ? "步长" : "step";
    public string Wall => _zh ? "实际耗时" : "wall";
    public string Virtual => _zh ? "虚拟时间" : "virtual";
    public string Status => _zh ? "状态" : "status";
}
