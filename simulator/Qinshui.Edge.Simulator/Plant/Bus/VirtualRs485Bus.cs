using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant.Bus;

/// <summary>
/// A half-duplex RS-485 segment in virtual time. Bytes written by any endpoint go on the wire one
/// character after another (BitsPerCharacter / BaudRate seconds each, 11 bits for Modbus RTU:
/// start, 8 data, parity or second stop, stop) and reach every other endpoint when their last bit
/// has arrived. Two endpoints driving the line at once garble each other (a collision, counted).
/// Noise can be injected: each character is corrupted (one bit flipped) with a probability, from a
/// seeded stream so the same run corrupts the same bytes.
/// </summary>
public sealed class VirtualRs485Bus
{
    private readonly VirtualClock _clock;
    private readonly List<Endpoint> _endpoints = new();
    private readonly SeededNoise _noise;
    private long _lineBusyUntilMicros;
    private Endpoint? _lineOwner;

    public VirtualRs485Bus(string id, VirtualClock clock, int baudRate, int bitsPerCharacter = 11, int seed = 1)
    {
        if (baudRate <= 0) throw new ArgumentOutOfRangeException(nameof(baudRate));
        Id = id;
        _clock = clock;
        BaudRate = baudRate;
        BitsPerCharacter = bitsPerCharacter;
        _noise = new SeededNoise(seed);
    }

    public string Id { get; }
    public int BaudRate { get; }
    public int BitsPerCharacter { get; }

    /// <summary>One character time in microseconds (1145.83 µs at 9600 baud, 11 bits).</summary>
    public double CharacterMicros => BitsPerCharacter * 1_000_000.0 / BaudRate;

    /// <summary>Probability (0..1) that a character is corrupted in transit.</summary>
    public double NoiseProbability { get; set; }

    /// <summary>The line is cut: nothing reaches anyone (the master sees silence).</summary>
    public bool Disconnected { get; set; }

    public long CharactersCarried { get; private set; }
    public long CharactersCorrupted { get; private set; }
    public long Collisions { get; private set; }

    /// <summary>The gateway's side of the bus, as the core's serial port.</summary>
    public MasterPort OpenMaster()
    {
        var port = new MasterPort(this);
        _endpoints.Add(port.Endpoint);
        return port;
    }

    public IBusTransmitter Attach(IBusDevice device)
    {
        var ep = new Endpoint(this, device);
        _endpoints.Add(ep);
        return ep;
    }

    private void Send(Endpoint from, byte[] buffer, int offset, int count)
    {
        if (count <= 0) return;
        long now = _clock.NowMicros;
        bool collision = false;
        long start = now;
        if (_lineBusyUntilMicros > now)
        {
            if (_lineOwner == from) start = _lineBusyUntilMicros; // queue behind our own bytes
            else collision = true;
        }
        if (collision) Collisions++;
        double charMicros = CharacterMicros;
        byte[] copy = new byte[count];
        Array.Copy(buffer, offset, copy, 0, count);
        for (int i = 0; i < count; i++)
        {
            byte b = copy[i];
            if (collision) b ^= 0x5A;
            else if (NoiseProbability > 0 && _noise.NextDouble() < NoiseProbability)
            {
                b ^= (byte)(1 << _noise.Next(8));
                CharactersCorrupted++;
            }
            long arrive = start + (long)Math.Round((i + 1) * charMicros);
            byte delivered = b;
            _clock.ScheduleAt(arrive, () => Deliver(from, delivered));
        }
        long end = start + (long)Math.Round(count * charMicros);
        if (end > _lineBusyUntilMicros)
        {
            _lineBusyUntilMicros = end;
            _lineOwner = from;
        }
    }

    private void Deliver(Endpoint from, byte b)
    {
        CharactersCarried++;
        if (Disconnected) return;
        long at = _clock.NowMicros;
        foreach (var ep in _endpoints)
        {
            if (ep != from) ep.Receive(b, at);
        }
    }

    internal sealed class Endpoint : IBusTransmitter
    {
        private readonly VirtualRs485Bus _bus;
        private readonly IBusDevice? _device;
        private readonly byte[] _one = new byte[1];

        public Endpoint(VirtualRs485Bus bus, IBusDevice? device)
        {
            _bus = bus;
            _device = device;
        }

        public Action<byte, long>? Sink { get; set; }
        public long NowMicros => _bus._clock.NowMicros;
        public double CharacterMicros => _bus.CharacterMicros;

        public void Transmit(byte[] buffer, int offset, int count) => _bus.Send(this, buffer, offset, count);

        public void Receive(byte b, long atMicros)
        {
            if (_device != null)
            {
                _one[0] = b;
                _device.OnBytes(_one, 0, 1, atMicros);
            }
            Sink?.Invoke(b, atMicros);
        }
    }

    /// <summary>The master's serial line (the core's <see cref="ISerialLine"/>): never blocks, like the device UART.</summary>
    public sealed class MasterPort : ISerialLine
    {
        private readonly VirtualRs485Bus _bus;
        private readonly Queue<(byte Value, long AtMicros)> _received = new();

        internal MasterPort(VirtualRs485Bus bus)
        {
            _bus = bus;
            Endpoint = new Endpoint(bus, null) { Sink = (b, at) => _received.Enqueue((b, at)) };
        }

        internal Endpoint Endpoint { get; }

        public int BaudRate => _bus.BaudRate;
        public int BitsPerCharacter => _bus.BitsPerCharacter;

        /// <summary>Bytes received and not yet read.</summary>
        public int Available => _received.Count;

        /// <summary>Arrival time (virtual µs) of the next unread byte, for timing tests and silence detection.</summary>
        public long? NextArrivalMicros => _received.Count > 0 ? _received.Peek().AtMicros : null;

        public void DiscardInput() => _received.Clear();

        public void Write(byte[] buffer, int offset, int count) => _bus.Send(Endpoint, buffer, offset, count);

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _received.TryDequeue(out var item)) buffer[offset + n++] = item.Value;
            return n;
        }
    }
}
