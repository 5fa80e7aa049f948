using System.Net;
using System.Security.Cryptography.X509Certificates;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Web;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge web --broker URL: the live read-only web view (<see cref="WebView"/>).</summary>
public sealed class WebCommand : ICommand
{
    public string Name => "web";
    public string Usage => "web --broker mqtt://host:port [--listen 127.0.0.1] [--port 8080] [--token T] [--cert server.pfx] [--cert-password P] [--client-ca ca.pem] [--lang zh|en]";
    public string Summary => "live read-only web view of the gateways (channels, plots, zones, relays, welding, events)";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--broker", "--listen", "--port", "--token", "--cert", "--cert-password", "--client-ca", "--lang"]);
        string broker = args.Value("--broker") ?? throw new UsageException("web needs --broker mqtt://host:port");
        if (!broker.StartsWith("mqtt://", StringComparison.Ordinal)) throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        if (!IPAddress.TryParse(args.Value("--listen") ?? "127.0.0.1", out var listen)) throw new UsageException($"option --listen: '{args.Value("--listen")}' is not an IP address");
        if (!int.TryParse(args.Value("--port") ?? "8080", out int port)) throw new UsageException($"option --port: '{args.Value("--port")}' is not a port");
        var options = new WebOptions
        {
            Broker = new Uri(broker), ListenAddress = listen, Port = port, Token = args.Value("--token") ?? Environment.GetEnvironmentVariable("QEDGE_WEB_TOKEN"),
            Certificate = args.Value("--cert") is string c ? X509CertificateLoader.LoadPkcs12FromFile(c, args.Value("--cert-password")) : null,
            ClientCa = args.Value("--client-ca") is string ca ? X509CertificateLoader.LoadCertificateFromFile(ca) : null,
            Language = Language.Resolve(args.Value("--lang")),
        };
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return WebView.Run(options, stdout, stderr, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
