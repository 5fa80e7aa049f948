using System.CommandLine;
using Qinshui.Edge.Simulator.Bench;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge bench mqtt|config|reaction: printed figures (not timed tests), computed in Simulator/Bench. Modbus has its own: qedge modbus bench.</summary>
public static class BenchCommand
{
    public static Command Build(Texts t)
    {
        var bench = t.Command("bench", "print benchmark figures: MQTT wire bytes, journal throughput and outage replay; config validation time and memory; reaction times",
            "输出基准数据：MQTT 线上字节、日志吞吐与断线重放；配置校验耗时与内存；反应时间",
            "qedge bench mqtt --hours 1", "qedge bench reaction --json");
        bench.Add(Mqtt(t));
        bench.Add(Config(t));
        bench.Add(Reaction(t));
        return bench;
    }

    private static Command Mqtt(Texts t)
    {
        var c = t.Command("mqtt", "wire bytes per reading, journal throughput and capacity, replay of an outage against a real broker",
            "每个读数的线上字节数、日志吞吐与容量、对真实代理的断线重放",
            "qedge bench mqtt", "qedge bench mqtt --hours 8 --channels 32 --broker embedded");
        var hours = t.Value("--hours", "N", "outage to replay, hours (1–72, default 24)", "重放的断线时长，小时（1–72，默认 24）");
        var channels = t.Value("--channels", "N", "channels at 1 Hz (1–64, default 16)", "1 Hz 通道数（1–64，默认 16）");
        var broker = t.Value("--broker", "mosquitto|embedded", "broker to replay against (default: mosquitto when installed)", "重放所用代理（默认：已安装时用 mosquitto）");
        foreach (var o in new Option[] { hours, channels, broker }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string kind = b.Choice(broker, MqttBenchOptions.DefaultBroker, new Dictionary<string, string> { ["mosquitto"] = "mosquitto", ["embedded"] = "embedded" });
            var options = new MqttBenchOptions(b.Int(hours, 24, 1, 72), b.Int(channels, 16, 1, 64), kind);
            return (int)MqttBench.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Config(Texts t)
    {
        var c = t.Command("config", "validation time and allocations of a generated N-channel configuration", "生成的 N 通道配置的校验耗时与内存分配",
            "qedge bench config", "qedge bench config --channels 512 --iterations 20");
        var channels = t.Value("--channels", "N", "channels in the generated configuration (1–4096, default 256)", "生成配置的通道数（1–4096，默认 256）");
        var iterations = t.Value("--iterations", "N", "validations to measure (default 50)", "测量的校验次数（默认 50）");
        c.Add(channels);
        c.Add(iterations);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var options = new ConfigBenchOptions(b.Int(channels, 256, 1, 4096), b.Int(iterations, 50, 1, 100000));
            return (int)ConfigBench.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Reaction(Texts t)
    {
        var c = t.Command("reaction", "gas at trip level → relay open and card tap → machine enabled: worst case and distribution (device model)",
            "气体达到跳闸值 → 继电器断开、刷卡 → 焊机使能：最坏情况与分布（设备模型）",
            "qedge bench reaction", "qedge bench reaction --baud 19200 --poll-ms 500 --json");
        var baud = t.Value("--baud", "N", "bus baud rate (1200–115200, default 9600)", "总线波特率（1200–115200，默认 9600）");
        var poll = t.Value("--poll-ms", "N", "only this gas poll period in ms (100–60000)", "只算这个气体轮询周期，毫秒（100–60000）");
        var json = t.Flag("--json", "print the figures as JSON", "以 JSON 输出结果");
        foreach (var o in new Option[] { baud, poll, json }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            int? pollMs = b.Value(poll) == null ? null : b.Int(poll, 1000, 100, 60000);
            return (int)ReactionBench.Run(new ReactionBenchOptions(b.Int(baud, 9600, 1200, 115200), pollMs, b.Flag(json)), p.InvocationConfiguration.Output);
        });
        return c;
    }
}
