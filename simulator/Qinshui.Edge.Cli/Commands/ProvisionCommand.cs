using System.CommandLine;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge provision: checks the ids and the broker, then calls <see cref="Provisioning"/> (certificate, HMAC key, bundle).</summary>
public static class ProvisionCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("provision", "create a gateway's identity: client certificate from the site CA, HMAC key, provisioning bundle",
            "创建网关身份：由现场 CA 签发的客户端证书、HMAC 密钥和配置包",
            "qedge provision --site mine-3 --gateway gw-01 --ca-dir site-ca --out bundle-gw-01 --broker broker.mine-3.local:8883",
            "qedge provision --site mine-3 --gateway gw-02 --ca-dir site-ca --out bundle-gw-02 --network ethernet --config gw-02.json");
        var site = t.Value("--site", "S", "site id (names MQTT topics)", "现场 ID（用于 MQTT 主题）");
        var gateway = t.Value("--gateway", "G", "gateway id (names MQTT topics)", "网关 ID（用于 MQTT 主题）");
        var caDir = t.Value("--ca-dir", "DIR", "the site CA's folder (created on first use)", "现场 CA 的文件夹（首次使用时创建）");
        var outDir = t.Value("--out", "DIR", "the bundle folder to write", "要写入的配置包文件夹");
        var broker = t.Value("--broker", "HOST[:PORT]", "the broker the gateway connects to (port default 8883)", "网关连接的代理（端口默认 8883）");
        var network = t.Value("--network", "wifi|ethernet", "how the gateway connects (default wifi)", "网关联网方式（默认 wifi）");
        var config = t.Value("--config", "FILE", "seal this configuration into the bundle (signed, counter 1)", "把此配置签名后放入配置包（计数器 1）");
        var years = t.Value("--years", "N", "certificate validity in years (1–10, default 3)", "证书有效期，年（1–10，默认 3）");
        var force = t.Flag("--force", "write into a folder that is not empty", "允许写入非空文件夹");
        foreach (var o in new Option[] { site, gateway, caDir, outDir, broker, network, config, years, force }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string s = b.Required(site);
            string g = b.Required(gateway);
            if (!MqttTopics.IsValidId(s))
                throw new UsageException($"site '{s}' is not a valid id: it names MQTT topics (1–32 of a–z, A–Z, 0–9, '-', '_')", $"现场 '{s}' 不是有效 ID：它用于 MQTT 主题（1–32 个 a–z、A–Z、0–9、'-'、'_'）");
            if (!MqttTopics.IsValidId(g))
                throw new UsageException($"gateway '{g}' is not a valid id: it names MQTT topics (1–32 of a–z, A–Z, 0–9, '-', '_')", $"网关 '{g}' 不是有效 ID：它用于 MQTT 主题（1–32 个 a–z、A–Z、0–9、'-'、'_'）");
            string ca = b.Required(caDir);
            string output = b.Required(outDir);
            int validity = b.Int(years, 3, 1, 10);
            string net = b.Value(network) ?? "wifi";
            if (net is not ("wifi" or "ethernet")) throw new UsageException("--network is wifi or ethernet", "--network 只能是 wifi 或 ethernet");
            string brokerHost = "", brokerPort = "8883";
            if (b.Value(broker) is { } hostPort)
            {
                var parts = hostPort.Split(':');
                brokerHost = parts[0];
                if (parts.Length > 1) brokerPort = parts[1];
                if (parts.Length > 2 || !int.TryParse(brokerPort, out _)) throw new UsageException("--broker is HOST or HOST:PORT", "--broker 应为 主机 或 主机:端口");
            }
            var options = new ProvisionOptions(s, g, ca, output, brokerHost, brokerPort, net, b.Value(config), validity, b.Flag(force));
            return (int)Provisioning.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }
}
