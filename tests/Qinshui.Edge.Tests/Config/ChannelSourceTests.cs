using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Config;

/// <summary>Channel sources are held as indices into the configuration's buses, devices, points and analog inputs.</summary>
public class ChannelSourceTests
{
    private const string Json = """
        {
          "schemaVersion": 1, "site": { "id": "s" }, "gateway": { "id": "gw-1" },
          "deviceProfiles": [ { "id": "p", "source": "test", "points": [ { "id": "a", "address": 0 }, { "id": "b", "address": 1 } ] } ],
          "buses": [
            { "id": "bus-a", "port": "COM1", "devices": [ { "name": "d0", "unit": 1, "profile": "p" } ] },
            { "id": "bus-b", "port": "COM2", "devices": [ { "name": "d0", "unit": 1, "profile": "p" }, { "name": "d1", "unit": 2, "profile": "p" } ] } ],
          "analogInputs": [ "ai0", "ai1" ],
          "channels": [
            { "id": "c0", "profile": "MINE_CH4_FACE", "source": { "bus": "bus-b", "device": "d1", "point": "b" } },
            { "id": "c1", "profile": "MINE_CH4_FACE", "source": { "analog": "ai1" } },
            { "id": "c2", "profile": "MINE_CH4_FACE" }
          ]
        }
        """;

    private static GatewayConfig? Load(string json, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        byte[] b = Encoding.UTF8.GetBytes(json);
        return GatewayConfigReader.Read(b, 0, b.Length, errors);
    }

    [Fact]
    public void ModbusAnalogAndExternalSources_ResolveToIndicesAndBackToNames()
    {
        var c = Load(Json, out var errors);
        Assert.True(c != null, string.Join("\n", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString())));

        Assert.Equal(ChannelSourceKind.Modbus, c!.SourceKind(0));
        Assert.Equal((1, 1, 1), (c.SourceBus(0), c.SourceDevice(0), c.SourcePoint(0)));
        Assert.Equal(("d1", "b"), (c.SourceDeviceName(0), c.SourcePointId(0)));
        Assert.Equal(-1, c.SourceAnalogInput(0));

        Assert.Equal(ChannelSourceKind.Analog, c.SourceKind(1));
        Assert.Equal(1, c.SourceAnalogInput(1));
        Assert.Equal("ai1", c.SourceAnalogInputId(1));
        Assert.Equal((-1, -1, -1), (c.SourceBus(1), c.SourceDevice(1), c.SourcePoint(1)));

        Assert.Equal(ChannelSourceKind.External, c.SourceKind(2));
        Assert.Null(c.SourceDeviceName(2));
        Assert.Null(c.SourceAnalogInputId(2));
    }

    [Theory]
    [InlineData("\"bus\": \"bus-b\", \"device\": \"d2\", \"point\": \"b\"", "unknown_point")]
    [InlineData("\"bus\": \"bus-b\", \"device\": \"d1\", \"point\": \"z\"", "unknown_point")]
    [InlineData("\"bus\": \"bus-c\", \"device\": \"d1\", \"point\": \"b\"", "unknown_bus")]
    public void UnknownReferences_AreStillRefusedWithTheirCode(string source, string code)
    {
        string json = Json.Replace("\"bus\": \"bus-b\", \"device\": \"d1\", \"point\": \"b\"", source);
        Assert.Null(Load(json, out var errors));
        Assert.True(errors.Contains(code));
    }

    [Fact]
    public void SetModbusSource_RefusesIndicesBeyondThePackedRange_AndKeepsTheOldSource()
    {
        var c = Load(Json, out _)!;
        Assert.False(c.SetModbusSource(0, GatewayConfig.MaxSourceBus + 1, 0, 0));
        Assert.False(c.SetModbusSource(0, 0, GatewayConfig.MaxSourceDevice + 1, 0));
        Assert.False(c.SetModbusSource(0, 0, 0, GatewayConfig.MaxSourcePoint + 1));
        Assert.Equal((1, 1, 1), (c.SourceBus(0), c.SourceDevice(0), c.SourcePoint(0)));
        Assert.True(c.SetModbusSource(0, GatewayConfig.MaxSourceBus, GatewayConfig.MaxSourceDevice, GatewayConfig.MaxSourcePoint));
        Assert.Equal((GatewayConfig.MaxSourceBus, GatewayConfig.MaxSourceDevice, GatewayConfig.MaxSourcePoint), (c.SourceBus(0), c.SourceDevice(0), c.SourcePoint(0)));
        Assert.Equal(ChannelSourceKind.Modbus, c.SourceKind(0));
    }
}
