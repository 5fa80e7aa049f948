using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// What every card reader chip of the Linux host does the same way: it looks at the field on a
/// thread of its own (an RFID exchange takes tens of ms), queues each card's arrival once as an
/// upper-case hex UID for the scan to take, counts a card held on the reader once and again only
/// after <see cref="ReleasePolls"/> looks without it, and logs a run of reader errors once (no tap
/// while failing). A chip says what one look found (<see cref="Look"/>) and throws when it cannot tell.
/// </summary>
public abstract class PolledCardReader(string name, int pollIntervalMs, IDisposable chip, ILogger log) : IHostCardReader
{
    /// <summary>Polls without a card before the same card counts again: one missed or corrupted answer is not a new tap.</summary>
    public const int ReleasePolls = 2;

    protected enum Field
    {
        /// <summary>A card answered; its UID is given.</summary>
        Card,
        /// <summary>A card is there but gave no UID this time (a halted MFRC522 card still in the field).</summary>
        StillThere,
        Empty,
    }

    private readonly ConcurrentQueue<string> _taps = new();
    private BackgroundLoop? _loop;
    private string? _heldUid;
    private int _absentPolls;
    private bool _failing;

    /// <summary>Errors met by polls since start (logged once per run of failures).</summary>
    public int Errors { get; private set; }

    /// <summary>One exchange with the chip; throws (IOException, TimeoutException, …) when the reader did not answer sensibly.</summary>
    protected abstract Field Look(out byte[] uid);

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
            switch (Look(out byte[] id))
            {
                case Field.Card:
                    string uid = Convert.ToHexString(id);
                    if (uid != _heldUid) _taps.Enqueue(uid);
                    _heldUid = uid;
                    _absentPolls = 0;
                    break;
                case Field.StillThere:
                    _absentPolls = 0;
                    break;
                default:
                    if (++_absentPolls >= ReleasePolls) _heldUid = null;
                    break;
            }
            if (_failing) log.LogInformation("card reader {Reader}: reading again", name);
            _failing = false;
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            Errors++;
            if (!_failing) log.LogWarning("card reader {Reader}: {Error}; no taps until it answers again", name, e.Message);
            _failing = true;
        }
    }

    /// <summary>Runs on its own thread until disposed (then the chip and its port are released).</summary>
    public void Start() => Loop().Start();

    public void Dispose() => Loop().Dispose();

    private BackgroundLoop Loop() => _loop ??= new BackgroundLoop("qedge card " + name, pollIntervalMs, PollOnce, chip);
}
