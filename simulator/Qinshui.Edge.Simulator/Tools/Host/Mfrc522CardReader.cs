using System.Collections.Concurrent;
using Iot.Device.Mfrc522;
using Iot.Device.Rfid;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Tools.Host;

/// <summary>
/// An MFRC522 (RC522 module) read by Iot.Device.Bindings' MfRc522, as the core's card reader.
/// Each poll asks for a card new to the field (REQA, anticollision, select: ISO/IEC 14443-3),
/// takes its UID and halts it; a halted card held on the reader still answers a wake-up (WUPA),
/// which tells "still there" from "gone" without a second tap. A poll with no card runs into
/// the chip's 25 ms receive timeout twice, so polls run on a thread of their own and the scan
/// only takes queued taps.
/// </summary>
public sealed class Mfrc522CardReader : IHostCardReader
{
    /// <summary>Polls without a card before the same card counts again: one missed answer (a weak field at the edge) is not a new tap.</summary>
    public const int ReleasePolls = 2;

    private readonly MfRc522 _chip;
    private readonly string _name;
    private readonly int _pollIntervalMs;
    private readonly ILogger _log;
    private readonly ConcurrentQueue<string> _taps = new();
    private readonly byte[] _atqa = new byte[2];
    private BackgroundLoop? _loop;
    private string? _heldUid;
    private int _absentPolls;
    private bool _failing;

    public Mfrc522CardReader(MfRc522 chip, string name, int pollIntervalMs, ILogger log)
    {
        _chip = chip;
        _name = name;
        _pollIntervalMs = pollIntervalMs;
        _log = log;
    }

    /// <summary>Errors met by polls since start (logged once per run of failures).</summary>
    public int Errors { get; private set; }

    public bool TryTakeTap(out string cardUid)
    {
        if (_taps.TryDequeue(out var uid))
        {
            cardUid = uid;
            return true;
        }
        cardUid = "";
        return false;
    }

    /// <summary>One look at the field: queues a tap when a card arrives.</summary>
    public void PollOnce()
    {
        try
        {
            if (_chip.ListenToCardIso14443TypeA(out Data106kbpsTypeA card, TimeSpan.Zero) && card.NfcId.Length > 0)
            {
                string uid = Convert.ToHexString(card.NfcId);
                _chip.Halt();
                if (uid != _heldUid) _taps.Enqueue(uid);
                _heldUid = uid;
                _absentPolls = 0;
            }
            else if (_chip.IsCardPresent(_atqa, reselect: true))
            {
                // A halted card still in the field (or one that did not finish selecting): no new tap.
                _absentPolls = 0;
            }
            else if (++_absentPolls >= ReleasePolls)
            {
                _heldUid = null;
            }
            if (_failing) _log.LogInformation("card reader {Reader}: reading again", _name);
            _failing = false;
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            Errors++;
            if (!_failing) _log.LogWarning("card reader {Reader}: {Error}; no taps until it answers again", _name, e.Message);
            _failing = true;
        }
    }

    /// <summary>Runs on its own thread until disposed (then the chip is released).</summary>
    public void Start()
    {
        Loop().Start();
    }

    public void Dispose() => Loop().Dispose();

    private BackgroundLoop Loop() => _loop ??= new BackgroundLoop("qedge card " + _name, _pollIntervalMs, PollOnce, _chip);
}
