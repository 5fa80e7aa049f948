using System.Text;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Boards;

public class BoardLoaderTests
{
    private static (bool ok, BoardPinMap board, ValidationErrors errors) Load(string json)
    {
        byte[] b = Encoding.UTF8.GetBytes(json);
        var errors = new ValidationErrors();
        bool ok = BoardLoader.TryLoad(b, 0, b.Length, "$", errors, out BoardPinMap board);
        return (ok, board, errors);
    }

    private static string[] Codes(ValidationErrors e) => Enumerable.Range(0, e.Count).Select(i => e[i].Code).ToArray();

    private const string Minimal = """
        { "id": "b", "module": "wroom", "wifi": true, "rs485Port": "COM2", "shuntOhms": 100,
          "pins": [ { "role": "relay1", "gpio": 23, "function": "permissive_output" },
                    { "role": "ai1", "gpio": 36, "function": "analog_input" } ] }
        """;

    [Fact]
    public void MinimalBoard_Loads()
    {
        var (ok, board, errors) = Load(Minimal);
        Assert.True(ok, string.Join("; ", Codes(errors)));
        Assert.Equal("b", board.Name);
        Assert.Equal(Esp32Module.Wroom, board.Module);
        Assert.True(board.UsesWifi);
        Assert.Equal(100, board.ShuntOhms);
        Assert.Equal(23, board.GpioOf("relay1"));
        Assert.Equal(-1, board.GpioOf("relay9"));
        Assert.Equal(1, board.Count(PinFunction.AnalogInput));
    }

    [Fact]
    public void InvalidJson_IsOneErrorWithTheParserReason()
    {
        var (ok, board, errors) = Load("{ \"id\": \"b\", }");
        Assert.False(ok);
        Assert.Null(board);
        Assert.Equal(new[] { "json_invalid" }, Codes(errors));
        Assert.Contains("trailing comma", errors[0].English);
    }

    [Fact]
    public void UnknownMembersAndFunctions_AreRefusedWithPaths()
    {
        var (ok, _, errors) = Load("""
            { "id": "b", "module": "wroom", "wifi": true, "rs485Port": "COM2", "colour": "red",
              "pins": [ { "role": "relay1", "gpio": 23, "function": "relay", "pullup": true } ] }
            """);
        Assert.False(ok);
        Assert.Contains("$.colour", Enumerable.Range(0, errors.Count).Select(i => errors[i].Path));
        Assert.Contains("$.pins[0].pullup", Enumerable.Range(0, errors.Count).Select(i => errors[i].Path));
        var fn = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Single(e => e.Code == "function_unknown");
        Assert.Equal("$.pins[0].function", fn.Path);
        Assert.Contains("permissive_output", fn.English);
    }

    [Fact]
    public void MissingRequiredFields_AreAllReported()
    {
        var (ok, _, errors) = Load("""{ "pins": [ { "gpio": 1.5 } ] }""");
        Assert.False(ok);
        var codes = Codes(errors);
        Assert.Contains("id_missing", codes);
        Assert.Contains("module_missing", codes);
        Assert.Contains("no_network", codes);
        Assert.Contains("rs485Port_missing", codes);
        Assert.Contains("gpio_missing", codes);
    }

    [Fact]
    public void PinRules_RunAfterLoading_AndKeepTheBoardForTools()
    {
        var (ok, board, errors) = Load("""
            { "id": "b", "module": "wrover", "wifi": true, "rs485Port": "COM2",
              "pins": [ { "role": "relay1", "gpio": 16, "function": "permissive_output" } ] }
            """);
        Assert.False(ok);
        Assert.NotNull(board);
        Assert.Equal(new[] { "psram_pin" }, Codes(errors));
    }

    [Fact]
    public void AnalogInputsWithoutShunt_AreRefused()
    {
        var (ok, _, errors) = Load(Minimal.Replace("\"shuntOhms\": 100,", ""));
        Assert.False(ok);
        Assert.Contains("shunt_missing", Codes(errors));
    }

    [Theory]
    [InlineData("COM0")]
    [InlineData("COM4")]
    [InlineData("/dev/ttyS0")]
    public void Rs485PortOutsideEsp32Uarts_IsRefused(string port)
    {
        var (ok, _, errors) = Load(Minimal.Replace("COM2", port));
        Assert.False(ok);
        Assert.Contains("port_invalid", Codes(errors));
    }
}
