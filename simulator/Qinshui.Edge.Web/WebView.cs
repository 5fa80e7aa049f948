using System.Security.Cryptography;

namespace Qinshui.Edge.Web;

/// <summary>qedge web (and qedge sim --web): subscribes to the broker and serves the view.</summary>
public static class WebView
{
    /// <summary>Runs until cancelled. Returns the exit code: 2 for options that cannot start, 1 when the broker or the address fails.</summary>
    public static int Run(WebOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        IDisposable? running;
        try
        {
            running = Start(options, stdout, stderr, cancel);
        }
        catch (ArgumentException)
        {
            return 2;
        }
        if (running == null) return 1;
        using (running) cancel.WaitHandle.WaitOne();
        return 0;
    }

    /// <summary>
    /// Starts the view in the background and prints where it is; dispose to stop. Null (after saying
    /// why on stderr) when the broker cannot be reached or the address cannot be bound; throws
    /// <see cref="ArgumentException"/> for options that cannot start.
    /// </summary>
    public static IDisposable? Start(WebOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        bool zh = options.Language == "zh";
        if (options.Validate() is { } problem)
        {
            stderr.WriteLine("web: " + (zh ? problem.Zh : problem.En));
            throw new ArgumentException(problem.En, nameof(options));
        }
        if (options.Broker == null)
        {
            stderr.WriteLine(zh ? "web: 需要 --broker mqtt://主机:端口" : "web: needs --broker mqtt://host:port");
            throw new ArgumentException("no broker", nameof(options));
        }
        var feed = new LiveFeed();
        MqttFeedSource source;
        try
        {
            source = MqttFeedSource.ConnectAsync(options.Broker, options.TopicFilter, feed, cancel).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stderr.WriteLine($"web: cannot connect to {options.Broker}: {e.Message}");
            return null;
        }
        WebServer server;
        try
        {
            server = WebServer.StartAsync(options, feed, cancel).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stderr.WriteLine($"web: cannot listen on {options.ListenAddress}:{options.Port}: {e.Message}");
            return null;
        }
        stdout.WriteLine(zh ? $"网页视图（只读）：{server.Url}" : $"web view (read-only): {server.Url}");
        if (server.Certificate != null)
        {
            string fingerprint = Convert.ToHexString(SHA256.HashData(server.Certificate.RawData));
            stdout.WriteLine((zh ? "HTTPS 证书 SHA-256 指纹：" : "HTTPS certificate SHA-256 fingerprint: ") + fingerprint);
            stdout.WriteLine(zh ? $"浏览器首次打开：{server.Url}?token=<令牌>（之后由 Cookie 携带）" : $"open once with {server.Url}?token=<token> (then a cookie carries it)");
        }
        return new Running(server, source);
    }

    private sealed class Running(WebServer server, MqttFeedSource source) : IDisposable
    {
        public void Dispose()
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
