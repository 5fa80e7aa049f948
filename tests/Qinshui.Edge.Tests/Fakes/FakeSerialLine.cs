using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// An in-memory RS-485 line on virtual time: records what the master writes, and delivers
/// bytes (a responder's answer or injected bytes) when the fake clock reaches their time.
/// </summary>
public sealed class FakeSerialLine : ISerialLine
{
    private readonly FakeClock _clock;
    private readonly List<(long AtMs, byte Value)> _inbound = new();

    public FakeSerialLine(FakeClock clock, int baudRate = 9600, int bitsPerCharacter = 11)
    {
        _clock = clock;
        BaudRate = baudRate;
        BitsPerCharacter = bitsPerCharacter;
    }

    public int BaudRate { get; }
    public int BitsPerCharacter { get; }

    /// <summary>Answers a request frame; null or empty = silence.</summary>
    public Func<byte[], byte[]?>? Responder { get; set; }

    /// <summary>Time from the request's write to its answer's first byte.</summary>
    public long ResponseDelayMs { get; set; } = 5;

    public List<(long AtMs, byte[] Frame)> Writes { get; } = new();

    public void DiscardInput()
    {
        _inbound.RemoveAll(b => b.AtMs <= _clock.MonotonicMs);
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        var frame = buffer.AsSpan(offset, count).ToArray();
        Writes.Add((_clock.MonotonicMs, frame));
        var answer = Responder?.Invoke(frame);
        if (answer is { Length: > 0 }) Inject(answer, _clock.MonotonicMs + ResponseDelayMs);
    }

    public void Inject(byte[] bytes, long atMs)
    {
        foreach (var b in bytes) _inbound.Add((atMs, b));
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _inbound.Count > 0 && _inbound[0].AtMs <= _clock.MonotonicMs)
        {
            buffer[offset + n++] = _inbound[0].Value;
            _inbound.RemoveAt(0);
        }
        return n;
    }
}
