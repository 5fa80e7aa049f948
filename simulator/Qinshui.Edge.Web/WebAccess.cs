using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Qinshui.Edge.Web;

/// <summary>
/// Who may read the web view, and that nobody can write through it. Only GET and HEAD exist (405
/// otherwise): the page shows, it never commands a gateway. Bound to loopback, only this machine
/// gets in (a request from another address is refused, 403, whatever proxy forwarded it). Bound
/// elsewhere, every request needs the token (Authorization: Bearer, the qedge_token cookie, or
/// ?token= once, which sets the cookie) or a client certificate that chains to the configured CA
/// (401 otherwise).
/// </summary>
public sealed class WebAccess(WebOptions options)
{
    public const string CookieName = "qedge_token";
    private readonly byte[]? _token = options.Token is string t ? Encoding.UTF8.GetBytes(t) : null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await Refuse(context, StatusCodes.Status405MethodNotAllowed, "The web view is read-only.", "网页视图只读。");
            return;
        }
        var remote = context.Connection.RemoteIpAddress;
        if (options.IsLoopback)
        {
            if (remote == null || !IPAddress.IsLoopback(remote))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "Only this machine may read this view.", "只有本机可以访问此视图。");
                return;
            }
        }
        else if (!HasClientCertificate(context) && !HasToken(context))
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, "A token or a client certificate is needed.", "需要令牌或客户端证书。");
            return;
        }
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'";
        await next(context);
    }

    private bool HasToken(HttpContext context)
    {
        if (_token == null) return false;
        var request = context.Request;
        string? presented = null;
        string auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.Ordinal)) presented = auth[7..];
        else if (request.Query.TryGetValue("token", out var q))
        {
            presented = q.ToString();
            if (Matches(presented))
                context.Response.Cookies.Append(CookieName, presented, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }
        else presented = request.Cookies[CookieName];
        return presented != null && Matches(presented);
    }

    private bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);

    private bool HasClientCertificate(HttpContext context)
    {
        var cert = context.Connection.ClientCertificate;
        if (cert == null || options.ClientCa == null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(options.ClientCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(cert);
    }

    private static Task Refuse(HttpContext context, int status, string en, string zh)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(en + "\n" + zh + "\n");
    }
}
