using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

public sealed class FakeCardReader : ICardReader
{
    private readonly Queue<string> _taps = new();

    public void Tap(string uid) => _taps.Enqueue(uid);

    public bool TryTakeTap(out string cardUid)
    {
        if (_taps.Count > 0)
        {
            cardUid = _taps.Dequeue();
            return true;
        }
        cardUid = null!;
        return false;
    }
}
