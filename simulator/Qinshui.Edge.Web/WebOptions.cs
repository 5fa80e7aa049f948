using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Qinshui.Edge.Web;

/// <summary>
/// What <c>qedge web</c> was asked. On loopback (the default, 127.0.0.1) it serves plain HTTP to
/// this machine only. On any other address a person elsewhere on the network could reach it, so it
/// serves HTTPS and every request needs the token or a client certificate issued by
/// <see cref="ClientCa"/> (<see cref="Validate"/> refuses to start otherwise).
/// </summary>
public sealed class WebOptions
{
    /// <summary>mqtt://host:port of the broker the gateways publish to; null when the caller feeds messages itself.</summary>
    public Uri? Broker { get; init; }
    public string TopicFilter { get; init; } = "qinshui/v1/#";
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;
    /// <summary>0: a free port (the started server says which).</summary>
    public int Port { get; init; } = 8080;
    /// <summary>The shared secret a browser presents (?token= once, then a cookie; or Authorization: Bearer).</summary>
    public string? Token { get; init; }
    /// <summary>The server's HTTPS certificate with its key; null off loopback: a self-signed one made at start.</summary>
    public X509Certificate2? Certificate { get; init; }
    /// <summary>Accept client certificates that chain to this CA instead of the token.</summary>
    public X509Certificate2? ClientCa { get; init; }
    /// <summary>The page's language at first ("en" or "zh"); the page can switch.</summary>
    public string Language { get; init; } = "en";

    public bool IsLoopback => IPAddress.IsLoopback(ListenAddress);

    /// <summary>Why these options cannot start a server (English, Chinese), or null when they can.</summary>
    public (string En, string Zh)? Validate()
    {
        if (Port is < 0 or > 65535) return ($"port {Port} is not 0–65535", $"端口 {Port} 不在 0–65535 之内");
        if (IsLoopback) return null;
        if (string.IsNullOrEmpty(Token) && ClientCa == null)
            return ($"listening on {ListenAddress} lets others on the network in: give --token (or --client-ca)",
                    $"监听 {ListenAddress} 时网络上的其他人可以访问：请给出 --token（或 --client-ca）");
        if (Token is { Length: < 16 })
            return ("the token must be at least 16 characters", "令牌至少 16 个字符");
        return null;
    }
}
