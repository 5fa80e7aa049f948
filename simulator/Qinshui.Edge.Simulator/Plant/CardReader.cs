namespace Qinshui.Edge.Simulator.Plant;

/// <summary>One RFID card presented to a reader.</summary>
public readonly record struct CardTap(string ReaderId, string CardId, long AtMs);

/// <summary>
/// An RFID reader (MFRC522 or UART reader on the device). The timeline taps cards; the gateway
/// takes them in order. There is no card-reader port in the core yet: the welding helper's port
/// plugs in here (TryTake is the shape such a port needs).
/// </summary>
public sealed class CardReader
{
    private readonly Queue<CardTap> _taps = new();

    public CardReader(string id)
    {
        Id = id;
    }

    public string Id { get; }
    public int Waiting => _taps.Count;
    public long TapCount { get; private set; }

    public void Tap(string cardId, long nowMs)
    {
        _taps.Enqueue(new CardTap(Id, cardId, nowMs));
        TapCount++;
    }

    public bool TryTake(out CardTap tap) => _taps.TryDequeue(out tap);
}
