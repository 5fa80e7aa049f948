using System.CommandLine;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge config validate|show|diff|sign|push: binds the options and calls Desktop/Config and Desktop/Platform.</summary>
public static class ConfigCommand
{
    public static Command Build(Texts t)
    {
        var config = t.Command("config", "validate, show, compare, sign and push gateway configurations (the device's own validator)",
            "校验、显示、比较、签名和下发网关配置（使用设备自己的校验器）",
            "qedge config validate site.json", "qedge config --help");
        config.Add(Validate(t));
        config.Add(Show(t));
        config.Add(Diff(t));
        config.Add(Sign(t));
        config.Add(Push(t));
        config.Add(Schema(t));
        return config;
    }

    private static Command Schema(Texts t)
    {
        var c = t.Command("schema", "print the JSON schema of a gateway configuration (carried inside the tool; for editors)",
            "输出网关配置的 JSON 架构（随工具携带；供编辑器使用）",
            "qedge config schema > gateway-config.schema.json");
        c.SetAction(p =>
        {
            p.InvocationConfiguration.Output.Write(ConfigSchema.Text());
            return CommandLine.ExitOk;
        });
        return c;
    }

    private static Command Validate(Texts t)
    {
        var c = t.Command("validate", "check files as the device will: every error and warning with its path", "按设备的方式检查文件：列出每个错误和警告及其路径",
            "qedge config validate hardware/examples/dust-plant.json", "qedge config validate a.json b.json --json", "qedge config validate site.json --lang zh");
        var json = t.Flag("--json", "print the results as JSON", "以 JSON 输出结果");
        var files = t.Words("FILE", "configuration files", "配置文件");
        c.Add(json);
        c.Add(files);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string lang = b.Lang(t.LangOption);
            var list = b.Words(files);
            if (list.Count == 0) throw new UsageException("no file given", "没有给出文件");
            return (int)ConfigValidate.Run(new ConfigValidateOptions(list, b.Flag(json), lang), p.InvocationConfiguration.Output);
        });
        return c;
    }

    private static Command Show(Texts t)
    {
        var c = t.Command("show", "print the effective configuration with the standards behind each limit", "显示生效的配置及每个限值依据的标准",
            "qedge config show site.json");
        var files = t.Words("FILE", "one configuration file", "一个配置文件");
        c.Add(files);
        c.SetAction(p =>
        {
            var list = new Bind(p).Words(files);
            if (list.Count != 1) throw new UsageException("show takes one file", "show 只接受一个文件");
            return (int)ConfigShow.Show(list[0], p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Diff(Texts t)
    {
        var c = t.Command("diff", "print every effective setting that differs between two configurations", "列出两个配置之间每一处生效设置的差异",
            "qedge config diff old.json new.json");
        var files = t.Words("FILE", "OLD NEW", "旧文件 新文件");
        c.Add(files);
        c.SetAction(p =>
        {
            var list = new Bind(p).Words(files);
            if (list.Count != 2) throw new UsageException("diff takes two files: OLD NEW", "diff 需要两个文件：旧 新");
            return (int)ConfigShow.Diff(list[0], list[1], p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Sign(Texts t)
    {
        var c = t.Command("sign", "sign a valid configuration with the gateway's key (the envelope the device reads)", "用网关密钥为有效配置签名（设备读取的签名信封）",
            "qedge config sign site.json --key @bundle/hmac.key --counter 7 --out config.json");
        var key = t.Value("--key", "HEX|@KEYFILE", "the gateway's HMAC key as hex, or @file holding it", "网关的 HMAC 密钥（十六进制），或 @密钥文件");
        var counter = t.Value("--counter", "N", "counter: must increase with every configuration sent to this gateway", "计数器：发往该网关的每个配置都必须递增");
        var output = t.Value("--out", "FILE", "write the envelope here (default: print it)", "把信封写到此文件（默认：打印）");
        var issued = t.Value("--issued-utc-ms", "MS", "issue time in UTC milliseconds (default: now)", "签发时间，UTC 毫秒（默认：现在）");
        var files = t.Words("FILE", "one configuration file", "一个配置文件");
        foreach (var o in new Option[] { key, counter, output, issued }) c.Add(o);
        c.Add(files);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var list = b.Words(files);
            if (list.Count != 1) throw new UsageException("sign takes one file", "sign 只接受一个文件");
            byte[] keyBytes = KeyMaterial.Parse(b.Required(key));
            long n = b.Int(counter, -1, 1, int.MaxValue);
            if (n < 1) throw new UsageException("option --counter is required (it must increase with every config sent to this gateway)", "缺少选项 --counter（发往该网关的每个配置都必须递增）");
            var options = new ConfigSignOptions(list[0], keyBytes, n, b.Value(output), b.Long(issued));
            return (int)ConfigSign.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Push(Texts t)
    {
        var c = t.Command("push", "sign a configuration and send it to a gateway over MQTT in chunks; prints the gateway's verdict",
            "签名配置并经 MQTT 分块发送给网关；显示网关的结论",
            "qedge config push site.json --broker mqtts://broker:8883 --gateway gw-01 --key @bundle/hmac.key --ca bundle/ca.pem");
        var broker = t.Value("--broker", "mqtt[s]://HOST:PORT", "the broker the gateway is connected to", "网关所连接的代理");
        var gateway = t.Value("--gateway", "ID", "the gateway's id (must match the file)", "网关 ID（须与文件一致）");
        var key = t.Value("--key", "HEX|@KEYFILE", "the gateway's HMAC key as hex, or @file holding it", "网关的 HMAC 密钥（十六进制），或 @密钥文件");
        var site = t.Value("--site", "S", "site id (default: the file's)", "现场 ID（默认取文件中的）");
        var counter = t.Value("--counter", "N", "first counter (default: the UTC millisecond)", "起始计数器（默认：UTC 毫秒）");
        var timeout = t.Value("--timeout-s", "N", "seconds to wait for each reply (1–600, default 15)", "每个应答的等待秒数（1–600，默认 15）");
        var retries = t.Value("--retries", "N", "retransmissions of a chunk without reply (0–20, default 3)", "无应答时每块的重发次数（0–20，默认 3）");
        var bytes = t.Value("--command-bytes", "N", "largest command to send (512 up to the gateway's limit)", "单条命令的最大字节数（512 至网关上限）");
        var ca = t.Value("--ca", "PEM", "CA certificate to verify an mqtts:// broker", "用于验证 mqtts:// 代理的 CA 证书");
        var cert = t.Value("--cert", "PEM", "operator certificate for mutual TLS (qedge provision operator)", "双向 TLS 的操作员证书（qedge provision operator）");
        var certKey = t.Value("--cert-key", "PEM", "private key of --cert", "--cert 的私钥");
        var files = t.Words("FILE", "one configuration file", "一个配置文件");
        foreach (var o in new Option[] { broker, gateway, key, site, counter, timeout, retries, bytes, ca, cert, certKey }) c.Add(o);
        c.Add(files);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var list = b.Words(files);
            if (list.Count != 1) throw new UsageException("push takes one file", "push 只接受一个文件");
            string url = b.Required(broker);
            string id = b.Required(gateway);
            byte[] keyBytes = KeyMaterial.Parse(b.Required(key));
            var options = new ConfigPushOptions(list[0], url, id, keyBytes, b.Value(site), b.Long(counter), b.Int(timeout, 15, 1, 600), b.Int(retries, 3, 0, 20),
                b.Int(bytes, CommandProcessor.MaxCommandBytes, 512, CommandProcessor.MaxCommandBytes), b.Value(ca), b.Lang(t.LangOption), b.Value(cert), b.Value(certKey));
            return (int)ConfigPush.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }
}
