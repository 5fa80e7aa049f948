using Iot.Device.Pn532;
using Iot.Device.Pn532.ListPassive;
using Microsoft.Extensions.Logging;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// A PN532 (on HSU or I2C) read by Iot.Device.Bindings' Pn532, as the core's card reader. Each poll
/// lists one ISO/IEC 14443A target (InListPassiveTarget, PN532 user manual UM0701-02 §7.3.5); a
/// card held on the reader is listed again every poll and counts once, and only after
/// <see cref="ReleasePolls"/> polls without it does it count again. The binding answers null both
/// for "no card" and for a failed exchange (timeout, no ACK, bad LCS/DCS checksum), so a poll that
/// lists nothing confirms the link with ReadGPIO (§7.2.6): when that fails too, the poll is a reader
/// error (logged once per run of failures, no tap). Polls run on their own thread (a HSU exchange
/// waits up to ~90 ms for the chip) and the scan only takes queued taps.
/// </summary>
public sealed class Pn532CardReader(Pn532 chip, string name, int pollIntervalMs, ILogger log)
    : PolledCardReader(name, pollIntervalMs, chip, log)
{
    /// <summary>Handshakes tried before the host gives up on a PN532.</summary>
    public const int OpenAttempts = 3;

    /// <summary>
    /// Opens the chip: the binding wakes it, sends SAMConfiguration, reads GetFirmwareVersion and
    /// sends SetParameters; then InListPassiveTarget is made to return at once when no card is in
    /// the field (the chip's default MxRtyPassiveActivation is 0xFF, retry for ever, UM0701-02
    /// §7.3.1 CfgItem 5, which would outlast the binding's read timeout and look like a dead reader).
    /// Over HSU the binding discards what arrives in the 5 ms after its wake-up and gives each answer
    /// ~89 ms: a late answer leaves a stale frame that fails the next command, so a failed handshake
    /// is retried on a freshly opened port. Null when no attempt reads a PN532 (IC 0x32) that takes
    /// the configuration; exceptions opening the port itself (missing, no permission) pass through.
    /// </summary>
    public static Pn532? Open(Func<Pn532> create)
    {
        for (int attempt = 1; ; attempt++)
        {
            var chip = create();
            try
            {
                if (chip.FirmwareVersion is { IsPn532: true }
                    && chip.SetMaxRetriesInitialization(new Iot.Device.Pn532.RfConfiguration.MaxRetriesMode { MaxRetryPassiveActivation = 1 }))
                {
                    return chip;
                }
            }
            catch
            {
                chip.Dispose();
                throw;
            }
            chip.Dispose();
            if (attempt == OpenAttempts) return null;
        }
    }

    protected override Field Look(out byte[] uid)
    {
        uid = [];
        byte[]? listed = chip.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
        // Response: NbTg, then Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID (UM0701-02 §7.3.5); the decoder starts at Tg.
        var card = listed is { Length: > 1 } ? chip.TryDecode106kbpsTypeA(listed.AsSpan(1)) : null;
        if (card != null && card.NfcId.Length > 0)
        {
            uid = card.NfcId;
            return Field.Card;
        }
        if (listed == null && !chip.ReadGpio(out _, out _, out _))
            throw new IOException("no valid answer from the PN532 (timeout, missing ACK or bad checksum)");
        return Field.Empty;
    }
}
