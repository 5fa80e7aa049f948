using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Tools;
using Qinshui.Edge.Web;

namespace Qinshui.Edge.Tests.Web;

/// <summary>
/// The web view in a real headless browser (Debian chromium through its chromium-driver, Selenium):
/// the coal-mine heading example runs on fake ports and a fake clock, connected through the
/// embedded broker; the view subscribes to the broker like `qedge web`. The test reads what a
/// person sees on the page, and a methane trip must appear there within 2 s of the gateway tripping.
/// </summary>
public sealed class WebViewBrowserTests : IAsyncLifetime
{
    /// <summary>How soon a trip must be on the screen (issue 18). A deadline on a wait, not a sleep.</summary>
    private static readonly TimeSpan TripShownWithin = TimeSpan.FromSeconds(2);
    private EmbeddedBroker _broker = null!;
    private MqttFeedSource _source = null!;
    private WebServer _server = null!;
    private LiveGateway _gw = null!;
    private ChromeDriver? _browser;

    public async Task InitializeAsync()
    {
        _broker = await EmbeddedBroker.StartAsync(Peers.FreeTcpPort());
        var feed = new LiveFeed();
        _source = await MqttFeedSource.ConnectAsync(new Uri($"mqtt://127.0.0.1:{_broker.Port}"), "qinshui/v1/#", feed);
        _server = await WebServer.StartAsync(new WebOptions { Port = Peers.FreeTcpPort() }, feed);
        // The view listens before the gateway connects, so it sees the birth and meta pages.
        _gw = await LiveGateway.StartAsync(Repo.Path("hardware", "examples", "coal-mine-heading.json"), brokerPort: _broker.Port);
    }

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        await _gw.DisposeAsync();
        await _server.DisposeAsync();
        await _source.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private ChromeDriver StartBrowser()
    {
        string chromium = Peers.Chromium, driver = Peers.ChromeDriver;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2000");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Scans the gateway (10 ms of fake time a step) until the page shows what is asked, or the real-time limit passes.</summary>
    private bool DriveUntil(Func<bool> seen, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        var lastLook = TimeSpan.FromSeconds(-1);
        while (sw.Elapsed < limit)
        {
            _gw.Clock.Advance(10);
            _gw.Runtime.Scan();
            if (sw.Elapsed - lastLook < TimeSpan.FromMilliseconds(25)) continue;
            lastLook = sw.Elapsed;
            if (seen()) return true;
        }
        return seen();
    }

    private string Text(string css)
    {
        try
        {
            return string.Join("\n", _browser!.FindElements(By.CssSelector(css)).Select(e => e.Text));
        }
        catch (StaleElementReferenceException)
        {
            return ""; // the page redrew between find and read: look again
        }
    }

    private string Zone => Text("[data-zone='heading-3102']");

    [SkippableFact]
    public void Page_ShowsChannelsZonesAndRelays_AndATripAppearsWithin2s()
    {
        _browser = StartBrowser();
        _browser.Navigate().GoToUrl(new Uri(_server.Url, "/?lang=en"));

        // The heading as a technician leaves it: readings healthy, video present, settled, reset locally.
        ((FakeInput)_gw.Ports.Inputs["nvr-1"]).Active = true;
        _gw.Ports.Slaves[0][0].HoldingRegisters[0] = 209; // O2 20.9 %vol
        _gw.Ports.Slaves[0][0].HoldingRegisters[1] = 200; // 20.0 °C
        Assert.True(DriveUntil(() => Text("[data-channel='o2-heading'] .reading").Contains("20.9"), TimeSpan.FromSeconds(30)), Text("main"));
        for (int i = 0; i < 6_000; i++)
        {
            _gw.Clock.Advance(10);
            _gw.Runtime.Scan();
        }
        Assert.Equal(Qinshui.Edge.Core.Interlocks.ZoneResetOutcome.Accepted, _gw.Runtime.Zones.RequestLocalReset(0));
        Assert.True(DriveUntil(() => Zone.Contains("ON"), TimeSpan.FromSeconds(30)), Zone);

        // What a person sees before the trip: named channels with value, unit and limits, the relay energised.
        string ch4 = Text("[data-channel='ch4-face']");
        Assert.Contains("MINE_CH4_FACE", ch4);
        Assert.Contains("trip ≥ 1.5 (restore < 1)", ch4);
        Assert.Contains("energised", Text("[data-relay='heading-power']"));
        Assert.DoesNotContain("de-energised", Text("[data-relay='heading-power']"));
        Assert.NotEmpty(_browser.FindElements(By.CssSelector("[data-channel='o2-heading'] svg.plot polyline")));

        // Methane at the face above the cut level: the gateway trips, and the page must show it within 2 s.
        _gw.Ports.AnalogInputs["ai-ch4-face"].Milliamps = 12.0;
        Assert.True(DriveUntil(() => !_gw.Runtime.Zones.IsPermitted(0), TimeSpan.FromSeconds(10)));
        var sinceTrip = Stopwatch.StartNew();
        bool shown = DriveUntil(() => Zone.Contains("OFF"), TripShownWithin);
        sinceTrip.Stop();

        Assert.True(shown, $"the trip was not on the page {TripShownWithin.TotalSeconds} s after the gateway tripped; zone row: {Zone}");
        Assert.True(DriveUntil(() => Zone.Contains("ch4-face") && Text("[data-relay='heading-power']").Contains("de-energised"), TimeSpan.FromSeconds(5)), Zone);
        Assert.Contains("zone_tripped", Text("table.log"));
        Assert.Contains("active", Text("[data-channel='ch4-face']"));

        // The same in Chinese, switched on the page.
        _browser.FindElement(By.Id("lang")).Click();
        Assert.True(DriveUntil(() => Zone.Contains("断电"), TimeSpan.FromSeconds(5)), Zone);
        Assert.Contains("断电 ≥ 1.5", Text("[data-channel='ch4-face']"));
        Assert.Contains("释放", Text("[data-relay='heading-power']"));
        Console.WriteLine($"web view: trip on the page {sinceTrip.ElapsedMilliseconds} ms after the gateway tripped");
    }
}
