using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Web;

namespace Qinshui.Edge.Tests.Web;

/// <summary>
/// Who gets in: on loopback only this machine; on any other address HTTPS and the token (or a
/// client certificate), else nothing is served — proved over the network with a request from a
/// non-loopback address of this machine.
/// </summary>
public sealed class WebAccessTests
{
    private const string Token = "s3cret-token-for-the-test-0123456789";

    [Fact]
    public void NonLoopbackAddress_WithoutTokenOrClientCa_DoesNotStart()
    {
        var options = new WebOptions { ListenAddress = IPAddress.Any, Port = 0 };

        Assert.NotNull(options.Validate());
        Assert.Contains("--token", options.Validate()!.Value.En);
        Assert.Null(new WebOptions { ListenAddress = IPAddress.Any, Token = Token }.Validate());
        Assert.Null(new WebOptions().Validate()); // loopback needs none
        Assert.NotNull(new WebOptions { ListenAddress = IPAddress.Any, Token = "short" }.Validate());
    }

    [Fact]
    public async Task BoundToLoopback_ARequestFromAnotherAddress_IsRefused()
    {
        var access = new WebAccess(new WebOptions());
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        context.Request.Method = "GET";
        bool served = false;

        await access.InvokeAsync(context, _ => { served = true; return Task.CompletedTask; });

        Assert.False(served);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }

    [SkippableFact]
    public async Task BoundElsewhere_AnUnauthenticatedRequestFromANonLoopbackAddress_IsRefused_AndTheTokenLetsItIn()
    {
        var address = NonLoopbackAddress();
        Skip.If(address == null && !Peers.UnderCi, "this machine has no non-loopback IPv4 address");
        Assert.NotNull(address);
        await using var server = await WebServer.StartAsync(new WebOptions { ListenAddress = address!, Port = Peers.FreeTcpPort(), Token = Token }, new LiveFeed());
        using var handler = new HttpClientHandler
        {
            // The test trusts the certificate the server made for this run (a person compares its printed fingerprint).
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert!.RawData.AsSpan().SequenceEqual(server.Certificate!.RawData),
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        var url = new Uri($"https://{address}:{server.Url.Port}/api/snapshot");

        Assert.Equal("https", server.Url.Scheme);
        using (var anonymous = await http.GetAsync(url)) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, url))
        {
            wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, url))
        {
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        }
        using (var query = await http.GetAsync(new Uri($"https://{address}:{server.Url.Port}/?token={Token}")))
        {
            Assert.Equal(HttpStatusCode.OK, query.StatusCode);
            Assert.Contains(query.Headers.GetValues("Set-Cookie"), c => c.StartsWith(WebAccess.CookieName + "=", StringComparison.Ordinal) && c.Contains("secure") && c.Contains("httponly"));
        }
        // Plain HTTP gets nothing at all on that address.
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri($"http://{address}:{server.Url.Port}/api/snapshot")));
    }

    private static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
