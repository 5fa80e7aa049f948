using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qinshui.Edge.Web;

/// <summary>
/// The web view's HTTP server (Kestrel): the embedded page, /api/snapshot (the feed as JSON) and
/// /api/stream (the same JSON pushed as server-sent events at each change, coalesced to at most
/// every <see cref="PushIntervalMs"/>). Access as <see cref="WebAccess"/> says.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    /// <summary>Least time between two pushes to one browser: a burst of messages becomes one update.</summary>
    public const int PushIntervalMs = 100;
    private readonly WebApplication _app;

    private WebServer(WebApplication app, Uri url, X509Certificate2? certificate)
    {
        _app = app;
        Url = url;
        Certificate = certificate;
    }

    /// <summary>Where the view is served, with the port actually bound.</summary>
    public Uri Url { get; }
    /// <summary>The HTTPS certificate (null on loopback HTTP): a person compares its fingerprint.</summary>
    public X509Certificate2? Certificate { get; }

    public static async Task<WebServer> StartAsync(WebOptions options, LiveFeed feed, CancellationToken cancel = default)
    {
        if (options.Validate() is { } problem) throw new ArgumentException(problem.En + " / " + problem.Zh, nameof(options));
        var certificate = options.IsLoopback ? null : options.Certificate ?? SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.ListenAddress, options.Port, listen =>
        {
            if (certificate == null) return;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = options.ClientCa != null ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,
                // Judged against the configured CA by WebAccess: a certificate alone never passes here.
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        var app = builder.Build();
        var access = new WebAccess(options);
        app.Use(access.InvokeAsync);
        var page = new PageAssets(options.Language);
        app.MapGet("/", () => page.Result("index.html"));
        app.MapGet("/{file}", (string file) => page.Result(file));
        app.MapGet("/api/snapshot", () => Results.Bytes(feed.Snapshot().Json, "application/json"));
        app.MapGet("/api/stream", (HttpContext context) => Stream(context, feed));
        await app.StartAsync(cancel);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebServer(app, new Uri(address.Replace("0.0.0.0", options.ListenAddress.ToString(), StringComparison.Ordinal)), certificate);
    }

    private static async Task Stream(HttpContext context, LiveFeed feed)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        var cancel = context.RequestAborted;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var (json, version) = feed.Snapshot();
                await response.WriteAsync("data: ", cancel);
                await response.Body.WriteAsync(json, cancel);
                await response.WriteAsync("\n\n", cancel);
                await response.Body.FlushAsync(cancel);
                // Wait for a change (a comment line every 15 s keeps proxies from closing an idle stream).
                while (!await Changed(feed, version, cancel)) await response.WriteAsync(": idle\n\n", cancel);
                await Task.Delay(PushIntervalMs, cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
    }

    private static async Task<bool> Changed(LiveFeed feed, long version, CancellationToken cancel)
    {
        var changed = feed.ChangedSince(version);
        return await Task.WhenAny(changed, Task.Delay(15_000, cancel)) == changed;
    }

    /// <summary>A certificate for this run only, when none was given for a non-loopback address (the fingerprint is printed).</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=qedge web", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddDnsName(Dns.GetHostName());
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
