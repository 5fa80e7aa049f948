using System.CommandLine;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge commission: binds the options and calls <see cref="Commissioning"/> (answers from the console unless --answers).</summary>
public static class CommissionCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("commission", "commissioning checklist against a live or simulated gateway; writes and sends a signed commissioning record",
            "对在线或模拟网关执行调试检查单；写出并发送签名的调试记录",
            "qedge commission --broker mqtts://broker:8883 --gateway gw-01 --key @bundle/hmac.key --config gw-01.json",
            "qedge commission --broker mqtt://127.0.0.1:1883 --gateway gw-01 --key @hmac.key --config gw-01.json --answers answers.json --out record.json");
        var broker = t.Value("--broker", "mqtt[s]://HOST:PORT", "the broker the gateway is connected to", "网关所连接的代理");
        var gateway = t.Value("--gateway", "ID", "the gateway's id (must match the configuration)", "网关 ID（须与配置一致）");
        var key = t.Value("--key", "HEX|@KEYFILE", "the gateway's HMAC key as hex, or @file holding it", "网关的 HMAC 密钥（十六进制），或 @密钥文件");
        var config = t.Value("--config", "FILE", "the gateway's configuration (outputs, channels, zones to check)", "网关配置（要检查的输出、通道、区域）");
        var site = t.Value("--site", "S", "site id (default: the configuration's)", "现场 ID（默认取配置中的）");
        var answers = t.Value("--answers", "FILE", "answers from a JSON file instead of the console", "从 JSON 文件读取回答，而不是在控制台提问");
        var record = t.Value("--out", "RECORD", "where to write the signed record", "签名记录的输出位置");
        var counter = t.Value("--counter", "N", "first command counter (default: the UTC millisecond)", "起始命令计数器（默认：UTC 毫秒）");
        var timeout = t.Value("--timeout-s", "N", "seconds to wait for each reply (1–600, default 15)", "每个应答的等待秒数（1–600，默认 15）");
        var ca = t.Value("--ca", "PEM", "the site CA, to verify an mqtts:// broker", "现场 CA，用于验证 mqtts:// 代理");
        var cert = t.Value("--cert", "PEM", "operator certificate for mutual TLS (qedge provision operator)", "双向 TLS 的操作员证书（qedge provision operator）");
        var certKey = t.Value("--cert-key", "PEM", "private key of --cert", "--cert 的私钥");
        foreach (var o in new Option[] { broker, gateway, key, config, site, answers, record, counter, timeout, ca, cert, certKey }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string url = b.Required(broker);
            string id = b.Required(gateway);
            byte[] keyBytes = KeyMaterial.Parse(b.Required(key));
            int timeoutS = b.Int(timeout, 15, 1, 600);
            var options = new CommissioningOptions(url, id, keyBytes, b.Required(config), b.Value(site), b.Value(answers), b.Value(record), b.Long(counter), timeoutS, b.Value(ca), b.Value(cert), b.Value(certKey));
            return (int)Commissioning.Run(options, Console.In, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }
}
