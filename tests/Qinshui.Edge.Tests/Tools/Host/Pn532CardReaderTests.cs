using Iot.Device.Pn532;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Fakes.Chips;
using Qinshui.Edge.Tests.Modbus.Peers;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// The PN532 card reader (what every reader does: PolledCardReaderContract): Iot.Device.Bindings' Pn532 driving a frame-level emulation of the chip
/// (preamble, start code, LEN/LCS, TFI, DCS, ACK), over I2C (an I2cDevice) and over HSU (a socat pty pair).
/// </summary>
[Collection(Pn532Collection.Name)]
public sealed class Pn532CardReaderTests : PolledCardReaderContract
{
    private static (Pn532CardReader reader, Pn532Emulator chip) I2c(ListLogger? log = null)
    {
        var chip = new Pn532Emulator();
        var pn532 = Pn532CardReader.Open(() => new Pn532(new Pn532I2cEmulator(chip), checkVersion: false));
        Assert.NotNull(pn532);
        return (new Pn532CardReader(pn532, "card", 100, log ?? new ListLogger()), chip);
    }

    protected override (PolledCardReader Reader, Action<byte[]?> Present) OpenReader()
    {
        var (reader, chip) = I2c();
        return (reader, uid => { if (uid == null) chip.Remove(); else chip.Present(uid); });
    }

    [Fact]
    public void Opening_RunsTheBindingsHandshake_AndLimitsActivationRetries()
    {
        var (reader, chip) = I2c();
        using var _ = reader;
        // SAMConfiguration (wake-up and again), GetFirmwareVersion, SetParameters, then RFConfiguration MaxRetries.
        Assert.Equal(0x14, chip.Commands[0]);
        Assert.Contains((byte)0x02, chip.Commands);
        Assert.Contains((byte)0x12, chip.Commands);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x01 }, chip.MaxRetries);
        Assert.Equal(0, chip.BadHostFrames);
    }

    [Fact]
    public void CardTapped_ExchangesOnlyWellFramedMessages()
    {
        var (reader, chip) = I2c();
        using var _ = reader;
        chip.Present(Card4);
        reader.PollOnce();
        Assert.Equal(0, chip.BadHostFrames);
    }

    [Fact]
    public void CardSwapped_WithoutAGap_IsANewTap()
    {
        var (reader, chip) = I2c();
        using var _ = reader;
        chip.Present(Card4);
        reader.PollOnce();
        chip.Present(Card7);
        reader.PollOnce();
        chip.Present(Card4);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF", "04521AC23F6180", "DEADBEEF"], Taps(reader));
    }

    [Fact]
    public void BadChecksumsFromTheChip_AreAnError_LoggedOnce_AndGiveNoTap()
    {
        var log = new ListLogger();
        var (reader, chip) = I2c(log);
        using var _ = reader;
        chip.Present(Card4);
        chip.CorruptAllResponses = true;
        for (int i = 0; i < 3; i++) reader.PollOnce();
        Assert.Empty(Taps(reader));
        Assert.Equal(3, reader.Errors);
        Assert.Single(log.Lines, e => e.Contains("no taps until it answers again", StringComparison.Ordinal));

        chip.CorruptAllResponses = false;
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));
        Assert.Contains(log.Lines, e => e.Contains("reading again", StringComparison.Ordinal));
    }

    [Fact]
    public void ACorruptedListAnswer_ForAHeldCard_IsNeitherATapNorADeparture()
    {
        var (reader, chip) = I2c();
        using var _ = reader;
        chip.Present(Card4);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));

        // The binding folds a bad DCS on the list answer into "nothing listed"; the link check still answers.
        chip.CorruptListResponses = true;
        reader.PollOnce();
        chip.CorruptListResponses = false;
        reader.PollOnce();
        Assert.Empty(Taps(reader));

        // A new card whose list answer is corrupted is not read until a clean answer.
        chip.Remove();
        for (int i = 0; i < Pn532CardReader.ReleasePolls; i++) reader.PollOnce();
        chip.Present(Card7);
        chip.CorruptListResponses = true;
        reader.PollOnce();
        Assert.Empty(Taps(reader));
        chip.CorruptListResponses = false;
        reader.PollOnce();
        Assert.Equal(["04521AC23F6180"], Taps(reader));
    }

    [Fact]
    public void ChipThatStopsAnswering_IsAnError_AndGivesNoTap()
    {
        var log = new ListLogger();
        var chip = new Pn532Emulator();
        var pn532 = new Pn532(new Pn532I2cEmulator(chip)) { ReadTimeOut = 5 };
        using var reader = new Pn532CardReader(pn532, "card", 100, log);
        chip.Present(Card4);
        chip.Silent = true;
        reader.PollOnce();
        reader.PollOnce();
        Assert.Empty(Taps(reader));
        Assert.Equal(2, reader.Errors);
        Assert.Single(log.Lines, e => e.Contains("no taps until it answers again", StringComparison.Ordinal));
    }

    [Fact]
    public void ChipThatIsNotAPn532_IsNotOpened_AfterEveryHandshakeFailed()
    {
        var chip = new Pn532Emulator { IcVersion = 0x00 };
        int created = 0;
        Assert.Null(Pn532CardReader.Open(() =>
        {
            created++;
            return new Pn532(new Pn532I2cEmulator(chip), checkVersion: false);
        }));
        Assert.Equal(Pn532CardReader.OpenAttempts, created);
        Assert.Equal(Pn532CardReader.OpenAttempts, chip.Count(0x02));
        Assert.Equal(0, chip.Count(0x4A));
    }

    [SkippableFact]
    public void OverHsu_TheRealSerialDriver_ReadsTaps_HoldsCards_AndReportsBadChecksums()
    {
        using var peer = new Pn532HsuPeer(new Pn532Emulator());
        var log = new ListLogger();
        var pn532 = Pn532CardReader.Open(() => new Pn532(peer.HostPort, checkVersion: false));
        Assert.NotNull(pn532);
        using var reader = new Pn532CardReader(pn532, "card", 100, log);

        reader.PollOnce();
        Assert.Empty(Taps(reader));
        peer.Chip.Present(Card7);
        // A real pty peer answers within the binding's ~89 ms most of the time, not always on a loaded machine: poll until read (bounded).
        var taps = new List<string>();
        for (int i = 0; i < 20 && taps.Count == 0; i++)
        {
            reader.PollOnce();
            taps.AddRange(Taps(reader));
        }
        Assert.Equal(["04521AC23F6180"], taps);
        for (int i = 0; i < 3; i++) reader.PollOnce();
        Assert.Empty(Taps(reader)); // held: no second tap

        int before = reader.Errors;
        peer.Chip.CorruptAllResponses = true;
        reader.PollOnce();
        Assert.True(reader.Errors > before);
        Assert.Empty(Taps(reader));
        Assert.Contains(log.Lines, l => l.Contains("no taps until it answers again", StringComparison.Ordinal));
        peer.Chip.CorruptAllResponses = false;
        Assert.Equal(0, peer.Chip.BadHostFrames);
        // The HSU wake-up (0x55 0x55 and zeros before the first frame) was skipped, its SAMConfiguration answered.
        Assert.True(peer.Chip.Count(0x14) >= 2);
    }

    [Fact]
    public void Emulator_ChecksTheHostsChecksums_AndFramesItsAnswersPerTheManual()
    {
        var chip = new Pn532Emulator();
        // GetFirmwareVersion: 00 00 FF 02 FE D4 02 2A 00 (LEN+LCS = 0, D4+02+DCS = 0 mod 256).
        var answer = chip.Receive([0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD4, 0x02, 0x2A, 0x00]);
        Assert.Equal(Pn532Emulator.Ack, answer[0]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0xFF, 0x06, 0xFA, 0xD5, 0x03, 0x32, 0x01, 0x06, 0x07, 0xE8, 0x00 }, answer[1]);

        Assert.Empty(chip.Receive([0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD4, 0x02, 0x2B, 0x00])); // DCS off by one
        Assert.Empty(chip.Receive([0x00, 0x00, 0xFF, 0x02, 0xFD, 0xD4, 0x02, 0x2A, 0x00])); // LCS off by one
        Assert.Equal(2, chip.BadHostFrames);
        Assert.Equal([0x02], chip.Commands);
    }
}
