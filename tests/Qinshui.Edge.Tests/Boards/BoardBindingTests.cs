using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Tests.Device;

namespace Qinshui.Edge.Tests.Boards;

/// <summary>A configuration's ids must be pins of the right kind on the board it names (the ESP32's IGatewayPorts mapping).</summary>
public class BoardBindingTests
{
    private static ValidationErrors Bind(string json, string boardId = DeviceConfigs.WroverBoardId)
    {
        var readErrors = new ValidationErrors();
        byte[] b = DeviceConfigs.Bytes(json);
        GatewayConfig? c = GatewayConfigReader.Read(b, 0, b.Length, readErrors);
        Assert.True(c != null, readErrors.Count > 0 ? readErrors[0].ToString() : "");
        var errors = new ValidationErrors();
        BoardBinding.Check(c!, DeviceConfigs.Board(boardId), errors);
        return errors;
    }

    private static ValidationError Only(ValidationErrors e, string code) =>
        Enumerable.Range(0, e.Count).Select(i => e[i]).Single(x => x.Code == code);

    [Fact]
    public void TheExampleConfiguration_BindsToTheWroverBoard()
    {
        var e = Bind(DeviceConfigs.Wrover);
        Assert.False(e.HasErrors, e.Count > 0 ? e[0].ToString() : "");
    }

    [Fact]
    public void AnotherBoard_IsRefused_AsIsAConfigurationNamingNone()
    {
        var e = Bind(DeviceConfigs.Wrover, DeviceConfigs.OlimexBoardId);
        Assert.Equal("board", Only(e, "board_mismatch").Path);
        var none = Bind(DeviceConfigs.Wrover.Replace("\"board\": \"esp32-wrover-devkitc-rs485-relay\",", ""));
        Assert.True(none.Contains("board_missing"));
    }

    [Fact]
    public void IdsMustBePinsOfTheRightFunction()
    {
        // An input pin as a zone output, a relay as an input, a missing analog input and card reader.
        var e = Bind(DeviceConfigs.Wrover
            .Replace("\"outputs\": [ { \"id\": \"relay1\", \"feedbackInput\": \"feedback1\" } ]", "\"outputs\": [ { \"id\": \"estop\", \"feedbackInput\": \"relay2\" } ]")
            .Replace("\"inputs\": [ { \"id\": \"feedback1\" }", "\"inputs\": [ { \"id\": \"relay2\" }")
            .Replace("\"outputs\": [ \"relay1\" ]", "\"outputs\": [ \"estop\" ]")
            .Replace("\"analogInputs\": [ \"ai1\" ]", "\"analogInputs\": [ \"ai1\", \"ai7\" ]")
            .Replace("\"cardReaders\": [ \"card\" ]", "\"cardReaders\": [ \"door\" ]"));
        var all = Enumerable.Range(0, e.Count).Select(i => e[i]).ToList();
        Assert.Contains(all, x => x.Code == "pin_function" && x.Path == "interlocks.outputs[0].id");
        Assert.Contains(all, x => x.Code == "pin_function" && x.Path == "interlocks.inputs[0].id");
        Assert.Contains(all, x => x.Code == "no_pin" && x.Path == "analogInputs[1]");
        Assert.Contains(all, x => x.Code == "no_pin" && x.Path == "cardReaders[0]");
        Assert.All(all, x => Assert.NotEmpty(x.Chinese));
    }

    [Fact]
    public void Buses_NeedTheBoardsPort_OneEach_AndAFormatTheUartRuns()
    {
        Assert.Equal("buses[0].port", Only(Bind(DeviceConfigs.Wrover.Replace("\"port\": \"COM2\"", "\"port\": \"COM3\"")), "no_port").Path);
        Assert.False(Bind(DeviceConfigs.Wrover.Replace("\"port\": \"COM2\"", "\"port\": \"\"")).HasErrors);
        // The reader already allows only 10 or 11; the binding holds the line even for a configuration built in code.
        byte[] b = DeviceConfigs.Bytes(DeviceConfigs.Wrover);
        var c = GatewayConfigReader.Read(b, 0, b.Length, new ValidationErrors())!;
        c.Buses[0].BitsPerCharacter = 12;
        var e = new ValidationErrors();
        BoardBinding.Check(c, DeviceConfigs.Board(DeviceConfigs.WroverBoardId), e);
        Assert.Equal("buses[0].bitsPerCharacter", Only(e, "serial_format").Path);
        string twoBuses = DeviceConfigs.Wrover.Replace("\"buses\": [ {", "\"buses\": [ { \"id\": \"rs485-2\", \"port\": \"COM2\", \"devices\": [ { \"name\": \"gas-2\", \"unit\": 2, \"profile\": \"ch4-transmitter\" } ] }, {");
        Assert.Equal("buses[1].port", Only(Bind(twoBuses), "port_shared").Path);
    }

    [Theory]
    [InlineData(11, true, true)]
    [InlineData(10, true, false)]
    [InlineData(12, false, false)]
    public void LineFormat_FollowsBitsPerCharacter(int bits, bool ok, bool even)
    {
        Assert.Equal(ok, BoardBinding.TryLineFormat(bits, out bool e));
        if (ok) Assert.Equal(even, e);
    }

    [Fact]
    public void ShippedBoards_HaveALogUart_OnPinsThatAreNotCom3sDefaults()
    {
        foreach (var id in new[] { DeviceConfigs.WroverBoardId, DeviceConfigs.OlimexBoardId })
        {
            var b = DeviceConfigs.Board(id);
            Assert.Equal("COM3", b.LogPort);
            Assert.Equal(PinFunction.UartTx, b.Find(BoardPinMap.LogTxRole)!.Function);
            Assert.Equal(PinFunction.UartRx, b.Find(BoardPinMap.LogRxRole)!.Function);
            // nanoFramework's COM3 defaults are GPIO17 (TX) / GPIO16 (RX): PSRAM on a WROVER, a relay on the Olimex board.
            Assert.DoesNotContain(b.GpioOf(BoardPinMap.LogRxRole), new[] { 16, 17 });
        }
    }
}
