using Microsoft.Extensions.Logging.Abstractions;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Fakes.Chips;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>The ADS1115 4–20 mA input: Iot.Device.Bindings' Ads1115 driving a register-level emulation of the chip.</summary>
public sealed class Ads1115ConverterTests
{
    private static HostAnalogInput Input(string id, string input, int mux, int fullScaleMv = 4096, int sps = 128, double shunt = 100) => new()
    {
        Id = id, Input = input, Multiplexer = mux, FullScaleMillivolts = fullScaleMv, SamplesPerSecond = sps, ShuntOhms = shunt,
    };

    [Fact]
    public void LoopCurrentAcrossTheShunt_ReadsAsMilliamps_WithTheConfiguredMuxGainAndRate()
    {
        var chip = new Ads1115Emulator();
        chip.SetLoop(1, 12.0, 100);
        var clock = new FakeClock();
        using var converter = new Ads1115Converter(chip, [Input("ai1", "AIN1", 5, fullScaleMv: 2048, sps: 250)], clock, NullLogger.Instance);

        converter.SampleOnce();

        Assert.True(converter.Input("ai1").TryReadMilliamps(out double mA));
        Assert.Equal(12.0, mA, 3); // one LSB at ±2.048 V over 100 Ω is 0.000625 mA
        // MUX 101 = AIN1 against GND, PGA 010 = ±2.048 V, DR 101 = 250 SPS (datasheet §9.6.3).
        Assert.Equal((5, 2, 5), chip.Conversions[^1]);
    }

    [Fact]
    public void TwoLoopsOnOneChip_EachReadsItsOwnInput()
    {
        var chip = new Ads1115Emulator();
        chip.SetLoop(0, 4.0, 150);
        chip.SetLoop(3, 20.0, 150);
        using var converter = new Ads1115Converter(chip, [Input("ai-a", "AIN0", 4, 4096, 860, 150), Input("ai-b", "AIN3", 7, 4096, 860, 150)], new FakeClock(), NullLogger.Instance);

        converter.SampleOnce();

        Assert.True(converter.Input("ai-a").TryReadMilliamps(out double a));
        Assert.True(converter.Input("ai-b").TryReadMilliamps(out double b));
        Assert.Equal(4.0, a, 2);
        Assert.Equal(20.0, b, 2);
        Assert.Contains(chip.Conversions, c => c.mux == 4);
        Assert.Contains(chip.Conversions, c => c.mux == 7);
    }

    [Fact]
    public void DifferentialInput_ReadsTheVoltageBetweenThePair()
    {
        var chip = new Ads1115Emulator();
        chip.InputVolts[0] = 1.6;
        chip.InputVolts[1] = 0.4; // 1.2 V across a 100 Ω shunt floating above ground
        using var converter = new Ads1115Converter(chip, [Input("ai1", "AIN0-AIN1", 0)], new FakeClock(), NullLogger.Instance);

        converter.SampleOnce();

        Assert.True(converter.Input("ai1").TryReadMilliamps(out double mA));
        Assert.Equal(12.0, mA, 2);
    }

    [Fact]
    public void FailedI2cRead_ReadsFalse_UntilTheChipAnswersAgain()
    {
        var chip = new Ads1115Emulator();
        chip.SetLoop(0, 8.0, 100);
        var logs = new ListLogger();
        using var converter = new Ads1115Converter(chip, [Input("ai1", "AIN0", 4)], new FakeClock(), logs);
        converter.SampleOnce();
        Assert.True(converter.Input("ai1").TryReadMilliamps(out _));

        chip.Disconnected = true;
        converter.SampleOnce();
        converter.SampleOnce();
        Assert.False(converter.Input("ai1").TryReadMilliamps(out _));
        Assert.Single(logs.Lines, l => l.Contains("failed")); // one warning per run of failures, not one per sample

        chip.Disconnected = false;
        converter.SampleOnce();
        Assert.True(converter.Input("ai1").TryReadMilliamps(out double mA));
        Assert.Equal(8.0, mA, 2);
    }

    [Fact]
    public void ConversionThatNeverCompletes_ReadsFalse()
    {
        var chip = new Ads1115Emulator();
        chip.SetLoop(0, 8.0, 100);
        using var converter = new Ads1115Converter(chip, [Input("ai1", "AIN0", 4)], new FakeClock(), NullLogger.Instance);
        chip.StuckConverting = true; // the driver's busy wait gives up with a TimeoutException

        converter.SampleOnce();

        Assert.False(converter.Input("ai1").TryReadMilliamps(out _));
        chip.StuckConverting = false;
    }

    [Fact]
    public void SampleOlderThanTheLimit_ReadsFalse()
    {
        var chip = new Ads1115Emulator();
        chip.SetLoop(0, 8.0, 100);
        var clock = new FakeClock();
        using var converter = new Ads1115Converter(chip, [Input("ai1", "AIN0", 4)], clock, NullLogger.Instance);
        converter.SampleOnce();

        clock.Advance(converter.MaxSampleAgeMs);
        Assert.True(converter.Input("ai1").TryReadMilliamps(out _));
        clock.Advance(1); // the sampling thread stalled: a stale current is no value
        Assert.False(converter.Input("ai1").TryReadMilliamps(out _));
    }

    [Fact]
    public void NoChipAtTheAddress_FailsToOpen()
    {
        var chip = new Ads1115Emulator { Disconnected = true };
        Assert.ThrowsAny<IOException>(() => new Ads1115Converter(chip, [Input("ai1", "AIN0", 4)], new FakeClock(), NullLogger.Instance));
    }
}
