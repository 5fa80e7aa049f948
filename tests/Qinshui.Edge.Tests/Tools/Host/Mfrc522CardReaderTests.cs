using Iot.Device.Mfrc522;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes.Chips;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>The MFRC522 card reader: Iot.Device.Bindings' MfRc522 driving a register-level emulation of the chip and an ISO/IEC 14443-3 card.</summary>
public sealed class Mfrc522CardReaderTests
{
    private static readonly byte[] Card4 = [0xDE, 0xAD, 0xBE, 0xEF];
    private static readonly byte[] Card7 = [0x04, 0x52, 0x1A, 0xC2, 0x3F, 0x61, 0x80];

    private static (Mfrc522CardReader reader, Mfrc522Emulator chip) Spi(ListLogger? log = null)
    {
        var chip = new Mfrc522Emulator();
        var reader = new Mfrc522CardReader(new MfRc522(new Mfrc522SpiEmulator(chip)), "card", 100, log ?? new ListLogger());
        return (reader, chip);
    }

    private static List<string> Taps(Mfrc522CardReader reader)
    {
        var taps = new List<string>();
        while (reader.TryTakeTap(out var uid)) taps.Add(uid);
        return taps;
    }

    [Fact]
    public void CardTapped_IsReadOnce_AsUpperCaseHexUid()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        reader.PollOnce();
        Assert.Empty(Taps(reader));

        chip.Present(Card4);
        reader.PollOnce();

        Assert.Equal(["DEADBEEF"], Taps(reader));
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
    public void CardHeldOnTheReader_IsOneTap_AndCountsAgainOnlyAfterItLeft()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        chip.Present(Card4);
        for (int i = 0; i < 10; i++) reader.PollOnce();
        Assert.Single(Taps(reader));

        chip.Present(null);
        for (int i = 0; i < Mfrc522CardReader.ReleasePolls; i++) reader.PollOnce();
        chip.Present(Card4);
        reader.PollOnce();
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));
    }

    [Fact]
    public void CardLiftedForOnePollOnly_IsNotASecondTap()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        chip.Present(Card4);
        reader.PollOnce();
        chip.Present(null);
        reader.PollOnce(); // one missed answer at the edge of the field
        chip.Present(Card4);
        reader.PollOnce();
        Assert.Single(Taps(reader));
    }

    [Fact]
    public void AnotherCard_IsANewTapAtOnce()
    {
        var (reader, chip) = Spi();
        using var _ = reader;
        chip.Present(Card4);
        reader.PollOnce();
        chip.Present(Card7);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF", "04521AC23F6180"], Taps(reader));
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
