using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Gateway;
using Qinshui.Edge.Tests.Transfer;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// Issue 15 #5: a configuration pushed over MQTT is answered "accepted" only after every check that
/// can refuse it, the host's board/pin check included — not accepted and then rolled back when the
/// host restarts on it. The push is signed and sent on …/cmd exactly as qedge sends it, to a runtime
/// with the Linux host's check installed as GatewayHost installs it.
/// </summary>
public sealed class PushedConfigHostCheckTests
{
    private const string Board = "\"board\": \"esp32-wrover-devkitc-rs485-relay\", ";

    /// <summary>The fixture's configuration on the relay board, bay-power's relay on the given GPIO.</summary>
    private static byte[] OnBoard(string bayPowerPin) => ConfigPush.Compact(Encoding.UTF8.GetBytes(GatewayFixture.ConfigJson
        .Replace("\"baud\": 19200", "\"baud\": 9600")
        .Replace("\"port\": \"uart1\"", "\"port\": \"COM2\"") // where this board wires its RS-485 transceiver
        .Replace("\"gateway\": { \"id\": \"gw-01\" },", "\"gateway\": { \"id\": \"gw-01\" }, " + Board
            + "\"pins\": { \"bay-power\": " + bayPowerPin + ", \"bay-power-fb\": \"feedback1\", \"welder-enable\": \"relay2\", \"nvr-1\": \"nvr_ok\", \"reader-1\": \"card_data0\" },")));

    private static System.Text.Json.JsonElement Push(ChunkHarness h, byte[] body)
    {
        byte[] envelope = SignedEnvelope.Sign("config", body, "gw-01", 7, h.F.Clock.UtcMs, GatewayFixture.Key);
        return h.SendRaw(CommandEnvelope.Build("gw-01", "push-1", h.NextCounter++, h.F.Clock.UtcMs + 60_000, "update_config",
            "{\"envelope\":" + Encoding.UTF8.GetString(envelope) + "}", GatewayFixture.Key));
    }

    [Fact]
    public void APushWithAnOutputOnAnInputOnlyPin_IsRefusedWithTheReason_AndTheRunningConfigurationStays()
    {
        var h = new ChunkHarness();
        h.F.Runtime.RemoteUpdates.HostCheck = HostConfigCheck.Check;

        var reply = Push(h, OnBoard("36"));

        Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal("config_invalid", reply.GetProperty("code").GetString());
        Assert.Contains("GPIO36 is input-only", reply.GetProperty("en").GetString());
        Assert.Contains("pins.bay-power", reply.GetProperty("zh").GetString());
        Assert.Null(h.F.Runtime.PendingConfig);
        Assert.Equal(h.F.Config.Hash, h.F.Runtime.Identity.ConfigHashHex);
        Assert.DoesNotContain(h.Events(), e => e.Contains("\"config_received\""));
    }

    [Fact]
    public void ThePushWithTheRelayOnAnOutputPin_IsAcceptedAndPending()
    {
        var h = new ChunkHarness();
        h.F.Runtime.RemoteUpdates.HostCheck = HostConfigCheck.Check;
        byte[] body = OnBoard("\"relay1\"");

        var reply = Push(h, body);

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(body, h.F.Runtime.PendingConfig);
    }

    /// <summary>The fixture as a Linux host's configuration: the bus on a tty, gpiochip line numbers, the card reader on SPI.</summary>
    private static byte[] OnLinuxHost(string ttyPath, bool withReaderSpec = true) => ConfigPush.Compact(Encoding.UTF8.GetBytes(GatewayFixture.ConfigJson
        .Replace("\"port\": \"uart1\"", "\"port\": \"" + ttyPath + "\"")
        .Replace("\"gateway\": { \"id\": \"gw-01\" },", "\"gateway\": { \"id\": \"gw-01\" }, "
            + "\"pins\": { \"bay-power\": 17, \"bay-power-fb\": 27, \"welder-enable\": 23, \"nvr-1\": 22, \"reader-1\": 5 },"
            + (withReaderSpec ? "\"linuxHost\": { \"cardReaders\": { \"reader-1\": { \"chip\": \"mfrc522\", \"spiBus\": 0, \"chipSelect\": 0 } } }," : ""))));

    private static readonly HashSet<string> PresentDevices = ["/dev/ttyUSB0", "/dev/gpiochip0", "/dev/spidev0.0"];

    [Fact]
    public void APushNamingASerialPortThisHostDoesNotHave_IsRefusedBeforeTheReply_WithThePortAndPath()
    {
        var h = new ChunkHarness();
        h.F.Runtime.RemoteUpdates.HostCheck = HostConfigCheck.For(0, PresentDevices.Contains);

        var reply = Push(h, OnLinuxHost("/dev/ttyUSB7"));

        Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal("config_invalid", reply.GetProperty("code").GetString());
        Assert.Contains("/dev/ttyUSB7, does not exist on this host", reply.GetProperty("en").GetString());
        Assert.Contains("buses[0].port", reply.GetProperty("en").GetString());
        Assert.Contains("不存在", reply.GetProperty("zh").GetString());
        Assert.Null(h.F.Runtime.PendingConfig);
    }

    [Fact]
    public void APushWhoseDevicesAllExist_IsAccepted()
    {
        var h = new ChunkHarness();
        h.F.Runtime.RemoteUpdates.HostCheck = HostConfigCheck.For(0, PresentDevices.Contains);
        byte[] body = OnLinuxHost("/dev/ttyUSB0");

        var reply = Push(h, body);

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(body, h.F.Runtime.PendingConfig);
    }

    [Theory]
    [InlineData(1, true, "/dev/gpiochip1, does not exist")]
    [InlineData(0, false, "linuxHost.cardReaders.reader-1")]
    public void APushOnAnotherGpiochip_OrWithoutTheCardReadersHostDetails_IsRefusedWithTheReason(int chip, bool readerSpec, string reason)
    {
        var h = new ChunkHarness();
        h.F.Runtime.RemoteUpdates.HostCheck = HostConfigCheck.For(chip, PresentDevices.Contains);

        var reply = Push(h, OnLinuxHost("/dev/ttyUSB0", readerSpec));

        Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Contains(reason, reply.GetProperty("en").GetString());
        Assert.Null(h.F.Runtime.PendingConfig);
    }
}
