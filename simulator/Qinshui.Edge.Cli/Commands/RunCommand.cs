using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Host.Linux;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge run: the gateway on a Linux machine (industrial PC, Raspberry Pi, laptop with a USB–RS-485 dongle), in <see cref="GatewayHost"/>.</summary>
public static class RunCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("run", "run the gateway core on this Linux machine with serial, GPIO, MQTTnet and a file journal (Ctrl-C/SIGTERM: outputs off, then exit)",
            "在本机 Linux 上运行网关核心：串口、GPIO、MQTTnet 与文件日志（Ctrl-C/SIGTERM：先断开输出再退出）",
            "qedge run --config /etc/qedge/config.json --state /var/lib/qedge --key @/etc/qedge/hmac.key",
            "qedge run --config site.json --bundle bundle-gw-01 --broker mqtts://broker:8883 --log-level debug");
        var config = t.Value("--config", "FILE", "the gateway configuration (plain or signed)", "网关配置（明文或已签名）");
        var state = t.Value("--state", "DIR", "folder for the journal and state (default qedge-state)", "日志与状态文件夹（默认 qedge-state）");
        var key = t.Value("--key", "HEX|@KEYFILE", "the HMAC key as hex, or @file holding it", "HMAC 密钥（十六进制），或 @密钥文件");
        var bundle = t.Value("--bundle", "DIR", "a provisioning bundle (identity, certificates, key)", "配置包（身份、证书、密钥）");
        var broker = t.Value("--broker", "mqtt[s]://HOST:PORT", "the platform's broker", "平台的代理");
        var gpiochip = t.Value("--gpiochip", "N", "GPIO chip number (0–64, default 0)", "GPIO 芯片编号（0–64，默认 0）");
        var logLevel = t.Value("--log-level", "debug|info|warning", "log level (default info)", "日志级别（默认 info）");
        foreach (var o in new Option[] { config, state, key, bundle, broker, gpiochip, logLevel }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var level = b.Choice(logLevel, LogLevel.Information, new Dictionary<string, LogLevel>
            {
                ["debug"] = LogLevel.Debug, ["info"] = LogLevel.Information, ["warning"] = LogLevel.Warning,
            });
            var options = new HostOptions(b.Required(config), b.Value(state) ?? "qedge-state",
                b.Value(key) is { } k ? KeyMaterial.Parse(k) : null, b.Value(broker), b.Value(bundle), b.Int(gpiochip, 0, 0, 64));
            return Host(options, level);
        });
        return c;
    }

    private static int Host(HostOptions options, LogLevel level)
    {
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(level).AddSimpleConsole(c =>
        {
            c.SingleLine = true;
            c.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            c.UseUtcTimestamp = true;
        }));
        // Iot.Device.Bindings' drivers (Ads1115, MfRc522) log through their own dispatcher: send it to the same console.
        Iot.Device.Common.LogDispatcher.LoggerFactory = loggers;
        using var stop = new ConsoleCancel();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            linked.Cancel();
        });
        return GatewayHost.Run(options, loggers, linked.Token);
    }
}
