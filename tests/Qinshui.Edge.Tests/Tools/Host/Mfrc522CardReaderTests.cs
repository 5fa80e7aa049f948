using Iot.Device.Mfrc522;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes.Chips;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>The MFRC522 card reader (what every reader does: PolledCardReaderContract): Iot.Device.Bindings' MfRc522 driving a register-level emulation of the chip and an ISO/IEC 14443-3 card.</summary>
public sealed class Mfrc522CardReaderTests : PolledCardReaderContract
{
    private static (Mfrc522CardReader reader, Mfrc522Emulator chip) Spi(ListLogger? log = null)
    {
        var chip = new Mfrc522Emulator();
        var reader = new Mfrc522CardReader(new MfRc522(new Mfrc522SpiEmulator(chip)), "card", 100, log ?? new ListLogger());
        return (reader, chip);
    }

    protected override (PolledCardReader Reader, Action<byte[]?> Present) OpenReader()
    {
        var (reader, chip) = Spi();
        return (reader, chip.Present);
    }

    [Fact]
    public void CardTapped_RunsTheDriversRealExchange()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        chip.Present(Card4);
        reader.PollOnce();
        // REQA (7 bits), anticollision and select of cascade level 1, then HLTA: the driver's real exchange.
        Assert.Contains("26", chip.Frames);
        Assert.Contains("9320", chip.Frames);
        Assert.Contains(chip.Frames, f => f.StartsWith("9370DEADBEEF", StringComparison.Ordinal));
        Assert.Contains(chip.Frames, f => f.StartsWith("5000", StringComparison.Ordinal));
    }

    [Fact]
    public void SevenByteUid_IsSelectedOverTwoCascadeLevels()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        chip.Present(Card7);
        reader.PollOnce();
        Assert.Equal(["04521AC23F6180"], Taps(reader));
        Assert.Contains("9520", chip.Frames);
    }

    [Fact]
    public void ReaderError_IsLoggedOnce_AndGivesNoTap()
    {
        var log = new ListLogger();
        var (reader, chip) = Spi(log);
        using var _ = reader;
        chip.Present(Card4);
        chip.Broken = true;
        reader.PollOnce();
        reader.PollOnce();
        Assert.Empty(Taps(reader));
        Assert.Equal(2, reader.Errors);
        Assert.Single(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("card reader card"));

        chip.Broken = false;
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));
        Assert.Contains(log.Lines, l => l.Contains("reading again"));
    }

    [Fact]
    public void ReaderOnI2c_ReadsTheSameTap()
    {
        var chip = new Mfrc522Emulator();
        using var reader = new Mfrc522CardReader(new MfRc522(new Mfrc522I2cEmulator(chip)), "card", 100, new ListLogger());
        chip.Present(Card4);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));
    }

    [Fact]
    public void BackgroundPolling_DeliversTheTap_WithoutTheScanWaiting()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        chip.Present(Card4);
        reader.Start();
        // The poll thread is real; wait (bounded) for the condition, never a fixed sleep.
        string uid = "";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!reader.TryTakeTap(out uid) && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal("DEADBEEF", uid);
    }
}
