using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// The staging store of chunked configuration pushes in memory (simulated gateways, tests).
/// FailAppendAfter makes the Nth append fail from then on, as a worn flash sector would.
/// </summary>
public sealed class MemoryStagingStore(int capacity) : IStagingStore
{
    private readonly MemoryStream _bytes = new();
    private int _appends;

    public int Capacity { get; } = capacity;

    /// <summary>Appends after this many succeed fail (-1: never).</summary>
    public int FailAppendAfter { get; set; } = -1;

    public int Length => (int)_bytes.Length;
    public int Begins { get; private set; }
    public int Discards { get; private set; }

    public bool Begin()
    {
        _bytes.SetLength(0);
        Begins++;
        return true;
    }

    public bool Append(byte[] buffer, int offset, int count)
    {
        if (FailAppendAfter >= 0 && _appends >= FailAppendAfter) return false;
        if (_bytes.Length + count > Capacity) return false;
        _bytes.Seek(0, SeekOrigin.End);
        _bytes.Write(buffer, offset, count);
        _appends++;
        return true;
    }

    public int Read(int position, byte[] buffer, int offset, int count)
    {
        if (position >= _bytes.Length) return 0;
        int n = (int)Math.Min(count, _bytes.Length - position);
        Array.Copy(_bytes.GetBuffer(), position, buffer, offset, n);
        return n;
    }

    /// <summary>Flips one staged byte (a corrupted flash cell) to test the SHA-256 check.</summary>
    public void Corrupt(int position) => _bytes.GetBuffer()[position] ^= 0x5A;

    public void Discard()
    {
        _bytes.SetLength(0);
        Discards++;
    }
}
