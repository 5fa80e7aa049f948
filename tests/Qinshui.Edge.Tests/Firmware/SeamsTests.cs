using System.Text;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Firmware.Seams;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Firmware;

/// <summary>The firmware's interim seams, driven with fakes: they use only core types.</summary>
public class SeamsTests
{
    private sealed class Loop(double mA, bool readable = true) : IAnalogInput
    {
        public double Milliamps = mA;
        public bool Readable = readable;
        public bool TryReadMilliamps(out double milliamps)
        {
            milliamps = Milliamps;
            return Readable;
        }
    }

    private sealed class Log : ILogSink
    {
        public readonly List<string> Lines = new();
        public bool IsEnabled(LogLevel level) => true;
        public void Write(LogLevel level, string message) => Lines.Add(level + " " + message);
    }

    private sealed class Relay : IDigitalOutput
    {
        public int Writes;
        public void Write(bool energised) => Writes++;
    }

    private static byte[] Json(string s) => Encoding.UTF8.GetBytes(s);

    private static DevicePorts Ports(FakeClock clock, Log log, Loop loop, Relay relay) => new()
    {
        Board = new BoardPinMap("b", "b", Esp32Module.Wroom, true, false, "COM2", 100, []),
        Clock = clock,
        Log = log,
        AnalogInputs = [loop],
        AnalogRoles = ["ai1"],
        Outputs = [relay],
        OutputRoles = ["relay1"],
    };

    private const string OneChannel = """{ "channels": [ { "id": "ch4_face", "profile": "MINE_CH4_FACE", "input": "ai1" } ] }""";

    [Fact]
    public void ValidateContent_AcceptsAKnownProfile_AndRefusesUnknownOnesWithPaths()
    {
        var ok = new ValidationErrors();
        byte[] good = Json(OneChannel);
        Assert.True(GatewaySeams.ValidateContent(good, 0, good.Length, ok));

        var bad = new ValidationErrors();
        byte[] b = Json("""{ "channels": [ { "id": "x", "profile": "NO_SUCH", "input": "ai1" } ] }""");
        Assert.False(GatewaySeams.ValidateContent(b, 0, b.Length, bad));
        Assert.Equal("$.channels[0].profile", bad[0].Path);

        var notJson = new ValidationErrors();
        Assert.False(GatewaySeams.ValidateContent(Json("{"), 0, 1, notJson));
        Assert.True(notJson.Contains("json_invalid"));
    }

    [Fact]
    public void BuildScan_RefusesAChannelOnAnInputTheBoardLacks()
    {
        var clock = new FakeClock();
        byte[] cfg = Json(OneChannel.Replace("ai1", "ai9"));
        Core.Json.JsonParser.TryParse(cfg, 0, cfg.Length, out var root, out _);
        var scan = GatewaySeams.BuildScan(root, Ports(clock, new Log(), new Loop(4), new Relay()), out string why);
        Assert.Null(scan);
        Assert.Contains("ai9", why);
    }

    [Fact]
    public void InterimScan_FeedsAlarms_ButNeverCommandsAnOutput()
    {
        var clock = new FakeClock();
        var log = new Log();
        var loop = new Loop(4.0); // 0 %CH4
        var relay = new Relay();
        byte[] cfg = Json(OneChannel);
        Core.Json.JsonParser.TryParse(cfg, 0, cfg.Length, out var root, out _);
        var scan = GatewaySeams.BuildScan(root, Ports(clock, log, loop, relay), out string why);
        Assert.NotNull(scan);
        Assert.Contains(log.Lines, l => l.Contains("no output will be energised"));
        Assert.True(scan!.Scan(clock.MonotonicMs));

        // 1.5 %CH4 on a 0–4 % transmitter: 4 + 16 × 1.5 / 4 = 10 mA → the face trip level.
        loop.Milliamps = 10.0;
        clock.Advance(1000);
        Assert.True(scan.Scan(clock.MonotonicMs));
        Assert.Contains(log.Lines, l => l.StartsWith("Warning alarm ch4_face"));
        Assert.Equal(0, relay.Writes);
    }

    [Fact]
    public void InterimScan_UnreadableInput_IsAnUnhealthyScan()
    {
        var clock = new FakeClock();
        byte[] cfg = Json(OneChannel);
        Core.Json.JsonParser.TryParse(cfg, 0, cfg.Length, out var root, out _);
        var scan = GatewaySeams.BuildScan(root, Ports(clock, new Log(), new Loop(12, readable: false), new Relay()), out _)!;
        Assert.False(scan.Scan(clock.MonotonicMs));
    }
}
