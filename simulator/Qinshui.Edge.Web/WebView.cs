using System.Security.Cryptography;

namespace Qinshui.Edge.Web;

/// <summary>qedge web: subscribes to the broker, serves the view, and runs until cancelled. Returns the exit code.</summary>
public static class WebView
{
    public static int Run(WebOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        bool zh = options.Language == "zh";
        if (options.Validate() is { } problem)
        {
            stderr.WriteLine("web: " + (zh ? problem.Zh : problem.En));
            return 2;
        }
        if (options.Broker == null)
        {
            stderr.WriteLine(zh ? "web: 需要 --broker mqtt://主机:端口" : "web: needs --broker mqtt://host:port");
            return 2;
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
            return 1;
        }
        using var __ = new AsyncDisposer(source);
        WebServer server;
        try
        {
            server = WebServer.StartAsync(options, feed, cancel).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            stderr.WriteLine($"web: cannot listen on {options.ListenAddress}:{options.Port}: {e.Message}");
            return 1;
        }
        using var _ = new AsyncDisposer(server);
        stdout.WriteLine(zh ? $"网页视图（只读）：{server.Url}（Ctrl+C 停止）" : $"web view (read-only): {server.Url} (Ctrl+C to stop)");
        if (server.Certificate != null)
        {
            string fingerprint = Convert.ToHexString(SHA256.HashData(server.Certificate.RawData));
            stdout.WriteLine((zh ? "HTTPS 证书 SHA-256 指纹：" : "HTTPS certificate SHA-256 fingerprint: ") + fingerprint);
            stdout.WriteLine(zh ? $"浏览器首次打开：{server.Url}?token=<令牌>" : $"open once with {server.Url}?token=<token> (then a cookie carries it)");
        }
        cancel.WaitHandle.WaitOne();
        return 0;
    }

    private sealed class AsyncDisposer(IAsyncDisposable inner) : IDisposable
    {
        public void Dispose() => inner.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
