using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Boards;

public class PinRulesTests
{
    private static ValidationErrors Check(Esp32Module module, bool wifi, params PinAssignment[] pins)
    {
        var board = new BoardPinMap("test", "test", module, wifi, !wifi, "COM2", 100, pins);
        var errors = new ValidationErrors();
        Esp32PinRules.Validate(board, "$", errors);
        return errors;
    }

    private static ValidationError Only(ValidationErrors errors)
    {
        Assert.Equal(1, errors.Count);
        return errors[0];
    }

    private static PinAssignment Pin(string role, int gpio, PinFunction f) => new(role, gpio, f);

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public void FlashPins_AreRefused(int gpio)
    {
        var e = Only(Check(Esp32Module.Wroom, true, Pin("in", gpio, PinFunction.Input)));
        Assert.Equal("flash_pin", e.Code);
        Assert.False(e.IsWarning);
        Assert.Equal("$.pins[0].gpio", e.Path);
        Assert.Contains("GPIO" + gpio, e.Chinese);
    }

    [Theory]
    [InlineData(34)]
    [InlineData(35)]
    [InlineData(36)]
    [InlineData(39)]
    public void InputOnlyPins_RefuseOutputs(int gpio)
    {
        var e = Only(Check(Esp32Module.Wroom, true, Pin("relay", gpio, PinFunction.PermissiveOutput)));
        Assert.Equal("input_only", e.Code);
        Assert.Equal($"GPIO{gpio} is input-only; a permissive_output needs an output pin", e.English);
    }

    [Fact]
    public void InputOnlyPin_CannotBeRS485Driver()
    {
        Assert.Equal("input_only", Only(Check(Esp32Module.Wroom, true, Pin("rs485_de", 36, PinFunction.UartRts))).Code);
        Assert.Equal("input_only", Only(Check(Esp32Module.Wroom, true, Pin("rs485_tx", 39, PinFunction.UartTx))).Code);
    }

    [Fact]
    public void InputOnlyPins_HaveNoPullUps()
    {
        Assert.Equal("no_pull_up", Only(Check(Esp32Module.Wroom, true, Pin("estop", 35, PinFunction.InputPullUp))).Code);
        Assert.Equal(0, Check(Esp32Module.Wroom, true, Pin("estop", 35, PinFunction.Input)).Count);
        Assert.Equal(0, Check(Esp32Module.Wroom, true, Pin("rx", 36, PinFunction.UartRx)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(15)]
    public void StrappingPins_AreWarnedForOrdinaryUse_AndRefusedForPermissiveRelays(int gpio)
    {
        var warn = Only(Check(Esp32Module.Wroom, true, Pin("led", gpio, PinFunction.Output)));
        Assert.Equal("strapping_pin", warn.Code);
        Assert.True(warn.IsWarning);

        var err = Only(Check(Esp32Module.Wroom, true, Pin("relay1", gpio, PinFunction.PermissiveOutput)));
        Assert.Equal("strapping_permissive", err.Code);
        Assert.False(err.IsWarning);
        Assert.Contains("click at boot", err.English);
    }

    [Fact]
    public void PinUsedTwice_IsRefusedWithBothPaths()
    {
        var errors = Check(Esp32Module.Wroom, true, Pin("relay1", 23, PinFunction.PermissiveOutput), Pin("relay2", 23, PinFunction.PermissiveOutput));
        var e = Only(errors);
        Assert.Equal("pin_used_twice", e.Code);
        Assert.Equal("$.pins[1].gpio", e.Path);
        Assert.Contains("$.pins[0]", e.English);
    }

    [Fact]
    public void RoleUsedTwice_IsRefused()
    {
        Assert.Equal("role_used_twice", Only(Check(Esp32Module.Wroom, true, Pin("relay1", 23, PinFunction.PermissiveOutput), Pin("relay1", 22, PinFunction.PermissiveOutput))).Code);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(25)]
    [InlineData(26)]
    [InlineData(27)]
    public void Adc2Pins_AreRefusedForAnalogInputsWhileWifiIsUsed(int gpio)
    {
        Assert.Equal("adc2_with_wifi", Only(Check(Esp32Module.Wroom, true, Pin("ai", gpio, PinFunction.AnalogInput))).Code);
        Assert.Equal(0, Check(Esp32Module.Wroom, false, Pin("ai", gpio, PinFunction.AnalogInput)).Count);
    }

    [Fact]
    public void Adc1Pins_AreFineForAnalogInputsWithWifi()
    {
        foreach (int gpio in new[] { 32, 33, 34, 35, 36, 39 })
        {
            Assert.Equal(0, Check(Esp32Module.Wroom, true, Pin("ai", gpio, PinFunction.AnalogInput)).Count);
        }
    }

    [Fact]
    public void AnalogInputOnAPinWithoutAdc_IsRefused()
    {
        Assert.Equal("not_adc_pin", Only(Check(Esp32Module.Wroom, false, Pin("ai", 23, PinFunction.AnalogInput))).Code);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void WroverPsramPins_AreRefused_ButFreeOnWroom(int gpio)
    {
        Assert.Equal("psram_pin", Only(Check(Esp32Module.Wrover, true, Pin("relay1", gpio, PinFunction.PermissiveOutput))).Code);
        Assert.Equal(0, Check(Esp32Module.Wroom, true, Pin("relay1", gpio, PinFunction.PermissiveOutput)).Count);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(31)]
    [InlineData(40)]
    [InlineData(-1)]
    public void NonexistentPins_AreRefused(int gpio)
    {
        Assert.Equal("pin_not_exist", Only(Check(Esp32Module.Wroom, true, Pin("x", gpio, PinFunction.Input))).Code);
    }

    [Fact]
    public void ConsolePins_AreWarned()
    {
        var w = Only(Check(Esp32Module.Wroom, true, Pin("tx", 1, PinFunction.UartTx)));
        Assert.Equal("console_pin", w.Code);
        Assert.True(w.IsWarning);
    }

    [Fact]
    public void EveryErrorOfABadMap_IsReported_NotJustTheFirst()
    {
        var errors = Check(Esp32Module.Wrover, true,
            Pin("a", 7, PinFunction.Input),
            Pin("relay1", 34, PinFunction.PermissiveOutput),
            Pin("relay2", 12, PinFunction.PermissiveOutput),
            Pin("ai", 26, PinFunction.AnalogInput),
            Pin("b", 17, PinFunction.Output),
            Pin("c", 34, PinFunction.Input));
        var codes = Enumerable.Range(0, errors.Count).Select(i => errors[i].Code).ToList();
        Assert.Equal(new[] { "flash_pin", "input_only", "strapping_permissive", "adc2_with_wifi", "psram_pin", "pin_used_twice" }, codes);
        Assert.True(errors.HasErrors);
        Assert.All(Enumerable.Range(0, errors.Count).Select(i => errors[i]), e => Assert.False(string.IsNullOrEmpty(e.Chinese)));
    }

    [Fact]
    public void EthernetPins_SkipFunctionRulesButNotClashes()
    {
        // GPIO0 as EMAC clock input is normal on some boards: not a permissive, no function rules.
        Assert.Equal(0, Check(Esp32Module.Wroom, false, Pin("eth_clock", 0, PinFunction.Ethernet)).Count);
        Assert.Equal("pin_used_twice", Only(Check(Esp32Module.Wroom, false, Pin("eth_mdio", 18, PinFunction.Ethernet), Pin("rx", 18, PinFunction.UartRx))).Code);
    }

    [Theory]
    [InlineData(36, 0)]
    [InlineData(39, 3)]
    [InlineData(32, 4)]
    [InlineData(35, 7)]
    [InlineData(4, 10)]
    [InlineData(26, 19)]
    [InlineData(23, -1)]
    public void NanoFrameworkAdcChannel_MapsGpioToControllerChannel(int gpio, int channel)
    {
        Assert.Equal(channel, Esp32Pins.NanoFrameworkAdcChannel(gpio));
    }
}
