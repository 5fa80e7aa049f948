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
        c.Add(Broker(t));
        c.Add(Operator(t));
        return c;
    }

    /// <summary>qedge provision broker: the broker's certificate, Mosquitto configuration and ACL (<see cref="BrokerProvisioning"/>, docs/mqtt.md).</summary>
    private static Command Broker(Texts t)
    {
        var c = t.Command("broker", "the site broker's server certificate, a Mosquitto configuration (client certificates required, CN as identity) and the ACL",
            "现场代理的服务器证书、Mosquitto 配置（要求客户端证书，以 CN 为身份）和访问控制表",
            "qedge provision broker --site mine-3 --ca-dir site-ca --name broker.mine-3.local --name 10.0.0.5 --out broker-files",
            "qedge provision broker --site mine-3 --ca-dir site-ca --name broker.mine-3.local --operator tech1 --viewer wall --out broker-files");
        var site = t.Value("--site", "S", "site id", "现场 ID");
        var caDir = t.Value("--ca-dir", "DIR", "the site CA's folder (the gateways' CA)", "现场 CA 的文件夹（网关所用的 CA）");
        var outDir = t.Value("--out", "DIR", "the folder to write (must be empty)", "要写入的文件夹（须为空）");
        var names = t.Values("--name", "HOST", "a name or address the gateways reach the broker by (repeat for several)", "网关访问代理所用的名称或地址（可重复）");
        var port = t.Value("--port", "N", "TLS listener port (default 8883)", "TLS 监听端口（默认 8883）");
        var installDir = t.Value("--install-dir", "DIR", "where the files go on the broker host (default /etc/mosquitto/qinshui)", "文件在代理主机上的位置（默认 /etc/mosquitto/qinshui）");
        var operators = t.Values("--operator", "NAME", "an operator (reads the site, sends commands) to put in the ACL (repeat for several)", "写入访问控制表的操作员（读取现场、发送命令；可重复）");
        var viewers = t.Values("--viewer", "NAME", "a viewer (reads only) to put in the ACL (repeat for several)", "写入访问控制表的查看者（只读；可重复）");
        var years = t.Value("--years", "N", "certificate validity in years (1–10, default 3)", "证书有效期，年（1–10，默认 3）");
        foreach (var o in new Option[] { site, caDir, outDir, names, port, installDir, operators, viewers, years }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var options = new BrokerProvisioningOptions
            {
                Site = b.Required(site), CaDir = b.Required(caDir), OutDir = b.Required(outDir),
                Names = All(p, names).ToList(),
                Port = b.Int(port, 8883, 1, 65535), InstallDir = b.Value(installDir) ?? "/etc/mosquitto/qinshui", ValidityYears = b.Int(years, 3, 1, 10),
                Operators = All(p, operators).Select(n => new OperatorName(n, true)).Concat(All(p, viewers).Select(n => new OperatorName(n, false))).ToList(),
            };
            var w = p.InvocationConfiguration.Output;
            w.WriteLine(BrokerProvisioning.Write(options));
            w.WriteLine(t.T($"written to {options.OutDir}: ca.pem, broker.pem, broker.key, qinshui.conf, acl, README.md (how to install them)",
                $"已写入 {options.OutDir}：ca.pem、broker.pem、broker.key、qinshui.conf、acl、README.md（安装方法）"));
            return CommandLine.ExitOk;
        });
        return c;
    }

    /// <summary>qedge provision operator: an operator's or viewer's client certificate, optionally added to the broker's ACL (<see cref="OperatorProvisioning"/>).</summary>
    private static Command Operator(Texts t)
    {
        var c = t.Command("operator", "a technician's or tool's client certificate from the site CA (mutual TLS to the broker), optionally added to the broker's ACL",
            "由现场 CA 签发的技术员或工具客户端证书（与代理双向 TLS），可同时加入代理的访问控制表",
            "qedge provision operator --site mine-3 --ca-dir site-ca --name tech1 --out tech1 --acl broker-files/acl",
            "qedge provision operator --site mine-3 --ca-dir site-ca --name wall --viewer --out wall");
        var site = t.Value("--site", "S", "site id", "现场 ID");
        var caDir = t.Value("--ca-dir", "DIR", "the site CA's folder (must exist)", "现场 CA 的文件夹（须已存在）");
        var outDir = t.Value("--out", "DIR", "the folder to write (must be empty)", "要写入的文件夹（须为空）");
        var name = t.Value("--name", "NAME", "the operator's name (its certificate CN is operator:NAME or viewer:NAME)", "操作员名称（证书 CN 为 operator:名称 或 viewer:名称）");
        var viewer = t.Flag("--viewer", "read only: monitor, web view, MT/T 1201 bridge", "只读：监视、网页视图、MT/T 1201 转发");
        var acl = t.Value("--acl", "FILE", "a copy of the broker's ACL to add the operator to", "要加入该操作员的代理访问控制表副本");
        var years = t.Value("--years", "N", "certificate validity in years (1–10, default 1)", "证书有效期，年（1–10，默认 1）");
        foreach (var o in new Option[] { site, caDir, outDir, name, viewer, acl, years }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var options = new OperatorProvisioningOptions
            {
                Site = b.Required(site), CaDir = b.Required(caDir), OutDir = b.Required(outDir),
                Operator = new OperatorName(b.Required(name), !b.Flag(viewer)), AclFile = b.Value(acl), ValidityYears = b.Int(years, 1, 1, 10),
            };
            foreach (var line in OperatorProvisioning.Write(options)) p.InvocationConfiguration.Output.WriteLine(line);
            return CommandLine.ExitOk;
        });
        return c;
    }

    private static IEnumerable<string> All(ParseResult p, Option<string[]> o) => p.GetValue(o) ?? [];
}
