using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Gateway;
using Qinshui.Edge.Web;

namespace Qinshui.Edge.Tests.Web;

/// <summary>
/// The web view's server over real HTTP on loopback: the embedded page, the snapshot and the pushed
/// stream built from what the real gateway core publishes (GatewayFixture), and that nothing can be
/// written through it.
/// </summary>
public sealed class WebServerTests : IAsyncLifetime
{
    private readonly GatewayFixture _gw = new();
    private readonly LiveFeed _feed = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private WebServer _server = null!;
    private int _fed;

    public async Task InitializeAsync() =>
        _server = await WebServer.StartAsync(new WebOptions { Port = Peers.FreeTcpPort() }, _feed);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private void RunGateway(long ms)
    {
        _gw.Run(ms);
        for (; _fed < _gw.Mqtt.Published.Count; _fed++)
        {
            var m = _gw.Mqtt.Published[_fed];
            _feed.Accept(m.Topic, m.Payload, _gw.Clock.UtcMs);
        }
    }

    private Uri At(string path) => new(_server.Url, path);

    [Fact]
    public async Task Page_IsServedFromTheAssembly_AndReferencesNothingOutside()
    {
        string html = await _http.GetStringAsync(At("/"));
        string js = await _http.GetStringAsync(At("/app.js"));
        string css = await _http.GetStringAsync(At("/app.css"));

        Assert.Equal("http", _server.Url.Scheme);
        Assert.Contains("<script src=\"app.js\"", html);
        Assert.Contains("new EventSource(\"api/stream\")", js);
        // No CDN, font or script from elsewhere: the only URL is the SVG namespace name (never fetched).
        foreach (var text in new[] { html, js, css })
            Assert.DoesNotMatch(@"(https?:)?//(?!www\.w3\.org/2000/svg)[a-z0-9.-]+\.[a-z]{2,}", text);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(At("/secret.json"))).StatusCode);
    }

    [Fact]
    public async Task Snapshot_ShowsChannelsWithUnitsValuesAndLimits_AndZones()
    {
        _gw.SetMethane(0.2);
        RunGateway(15_000);

        using var doc = JsonDocument.Parse(await _http.GetStringAsync(At("/api/snapshot")));
        var gw = Assert.Single(doc.RootElement.GetProperty("gateways").EnumerateArray());
        Assert.Equal("gw-01", gw.GetProperty("gateway").GetString());
        var ch4 = Assert.Single(gw.GetProperty("channels").EnumerateArray());
        Assert.Equal("ch4-bay", ch4.GetProperty("id").GetString());
        Assert.Equal("%vol", ch4.GetProperty("unit").GetString());
        Assert.Equal(0.2, ch4.GetProperty("value").GetDouble(), 3);
        // MINE_CH4_FACE (AQ 1029-2019): cut at 1.5 %.
        var trip = ch4.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "trip");
        Assert.Equal(1.5, trip.GetProperty("threshold").GetDouble());
        Assert.True(ch4.GetProperty("history").GetArrayLength() >= 10);
        var zone = Assert.Single(gw.GetProperty("zones").EnumerateArray());
        Assert.Equal("weld-bay-1", zone.GetProperty("id").GetString());
        Assert.False(zone.GetProperty("permitted").GetBoolean()); // starts latched off: de-energise to trip
        Assert.True(zone.GetProperty("resetNeeded").GetBoolean());
        Assert.Equal("bay-power", Assert.Single(gw.GetProperty("relays").EnumerateArray()).GetProperty("output").GetString());
        Assert.Contains(gw.GetProperty("log").EnumerateArray(), e => e.GetProperty("kind").GetString() == "zone_tripped");
    }

    [Fact]
    public async Task Stream_PushesTheSnapshot_ThenAgainWhenAGatewayMessageChangesIt()
    {
        _gw.SetMethane(0.2);
        RunGateway(15_000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await _http.GetAsync(At("/api/stream"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var first = await NextEvent(reader, cancel.Token);
        Assert.Equal("normal", TripState(first));

        _gw.SetMethane(1.8);
        RunGateway(3_000);
        string state = TripState(first);
        while (state != "active") state = TripState(await NextEvent(reader, cancel.Token)); // bounded by the token
        Assert.Equal("active", state);
    }

    [Theory]
    [InlineData("POST", "/api/snapshot")]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/api/stream")]
    [InlineData("POST", "/api/cmd")]
    public async Task AnythingButReading_IsRefused(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), At(path)) { Content = new StringContent("{\"cmd\":\"reset\"}", Encoding.UTF8, "application/json") };
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("read-only", await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> NextEvent(StreamReader reader, CancellationToken cancel)
    {
        while (true)
        {
            string? line = await reader.ReadLineAsync(cancel) ?? throw new EndOfStreamException();
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line[6..]).RootElement.Clone();
        }
    }

    private static string TripState(JsonElement snapshot) =>
        snapshot.GetProperty("gateways")[0].GetProperty("channels")[0].GetProperty("levels").EnumerateArray()
            .Single(l => l.GetProperty("kind").GetString() == "trip").GetProperty("state").GetString()!;
}
