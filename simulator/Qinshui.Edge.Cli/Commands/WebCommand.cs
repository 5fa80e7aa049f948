using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Qinshui.Edge.Web;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge web: binds the options and calls <see cref="WebView"/>, the live read-only web view (docs/web.md).</summary>
public static class WebCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("web", "live read-only web view of the gateways (channels, plots, zones, relays, welding, events)",
            "网关的实时只读网页视图（通道、曲线、区域、继电器、焊接、事件）",
            "qedge web --broker mqtt://127.0.0.1:1883", "qedge web --broker mqtt://127.0.0.1:1883 --listen 0.0.0.0 --token $(cat web.token) --lang zh");
        var broker = t.Value("--broker", "mqtt://HOST:PORT", "the broker the gateways publish to", "网关发布消息的代理");
        var listen = t.Value("--listen", "ADDRESS", "address to listen on (default 127.0.0.1; any other needs --token or --client-ca, and serves HTTPS)", "监听地址（默认 127.0.0.1；其他地址需要 --token 或 --client-ca，并使用 HTTPS）");
        var port = t.Value("--port", "N", "port (default 8080)", "端口（默认 8080）");
        var token = t.Value("--token", "T", "access token of at least 16 characters (or QEDGE_WEB_TOKEN)", "至少 16 个字符的访问令牌（或环境变量 QEDGE_WEB_TOKEN）");
        var cert = t.Value("--cert", "PFX", "server certificate (PKCS#12) for HTTPS; default a self-signed one made at start", "HTTPS 服务器证书（PKCS#12）；默认启动时生成自签名证书");
        var certPassword = t.Value("--cert-password", "P", "password of --cert", "--cert 的密码");
        var clientCa = t.Value("--client-ca", "PEM", "accept browsers with a client certificate from this CA", "接受持有此 CA 签发客户端证书的浏览器");
        foreach (var o in new Option[] { broker, listen, port, token, cert, certPassword, clientCa }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string url = b.Value(broker) ?? throw new UsageException("web needs --broker mqtt://host:port", "web 需要 --broker mqtt://主机:端口");
            if (!url.StartsWith("mqtt://", StringComparison.Ordinal)) throw new UsageException($"option --broker: '{url}' is not mqtt://host:port", $"选项 --broker：'{url}' 不是 mqtt://host:port");
            string address = b.Value(listen) ?? "127.0.0.1";
            if (!IPAddress.TryParse(address, out var ip)) throw new UsageException($"option --listen: '{address}' is not an IP address", $"选项 --listen：'{address}' 不是 IP 地址");
            string portText = b.Value(port) ?? "8080";
            if (!int.TryParse(portText, out int portNumber) || portNumber is < 1 or > 65535) throw new UsageException($"option --port: '{portText}' is not a port", $"选项 --port：'{portText}' 不是端口");
            var options = new WebOptions
            {
                Broker = new Uri(url), ListenAddress = ip, Port = portNumber, Token = b.Value(token) ?? Environment.GetEnvironmentVariable("QEDGE_WEB_TOKEN"),
                Certificate = b.Value(cert) is string pfx ? X509CertificateLoader.LoadPkcs12FromFile(pfx, b.Value(certPassword)) : null,
                ClientCa = b.Value(clientCa) is string ca ? X509CertificateLoader.LoadCertificateFromFile(ca) : null,
                Language = t.Lang,
            };
            using var cancel = new ConsoleCancel();
            return WebView.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, cancel.Token);
        });
        return c;
    }
}
