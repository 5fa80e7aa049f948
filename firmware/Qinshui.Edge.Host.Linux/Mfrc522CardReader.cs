using Iot.Device.Mfrc522;
using Iot.Device.Rfid;
using Microsoft.Extensions.Logging;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// An MFRC522 (RC522 module) read by Iot.Device.Bindings' MfRc522, as the core's card reader.
/// Each poll asks for a card new to the field (REQA, anticollision, select: ISO/IEC 14443-3),
/// takes its UID and halts it; a halted card held on the reader still answers a wake-up (WUPA),
/// which tells "still there" from "gone" without a second tap. A poll with no card runs into
/// the chip's 25 ms receive timeout twice, so polls run on a thread of their own and the scan
/// only takes queued taps.
/// </summary>
public sealed class Mfrc522CardReader(MfRc522 chip, string name, int pollIntervalMs, ILogger log)
    : PolledCardReader(name, pollIntervalMs, chip, log)
{
    private readonly byte[] _atqa = new byte[2];

    protected override Field Look(out byte[] uid)
    {
        uid = [];
        if (chip.ListenToCardIso14443TypeA(out Data106kbpsTypeA card, TimeSpan.Zero) && card.NfcId.Length > 0)
        {
            uid = card.NfcId;
            chip.Halt();
            return Field.Card;
        }
        // A halted card still in the field (or one that did not finish selecting) answers a wake-up.
        return chip.IsCardPresent(_atqa, reselect: true) ? Field.StillThere : Field.Empty;
    }
}
