using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Plant.Bus;

namespace Qinshui.Edge.Tests.Simulator;

public sealed class BusTimingTests
{
    /// <summary>Records every byte with its arrival time.</summary>
    private sealed class Recorder : IBusDevice
    {
        public List<(byte Value, long AtMicros)> Bytes { get; } = new();
        public void OnBytes(byte[] buffer, int offset, int count, long atMicros)
        {
            for (int i = 0; i < count; i++) Bytes.Add((buffer[offset + i], atMicros));
        }
    }

    /// <summary>
    /// A device that finds a frame's end by 3.5 character times of silence (Modbus RTU) and answers
    /// with the frame reversed: stands in for the Modbus helper's slave to exercise the timing only.
    /// </summary>
    private sealed class SilenceResponder(VirtualClock clock) : IBusDevice
    {
        private readonly List<byte> _frame = new();
        private long _lastAt;
        public IBusTransmitter? Line { get; set; }
        public long? FrameEndSeenAtMicros { get; private set; }

        public void OnBytes(byte[] buffer, int offset, int count, long atMicros)
        {
            for (int i = 0; i < count; i++) _frame.Add(buffer[offset + i]);
            _lastAt = atMicros;
            long silence = (long)Math.Ceiling(3.5 * Line!.CharacterMicros);
            long expected = atMicros;
            clock.ScheduleAt(atMicros + silence, () =>
            {
                if (_lastAt != expected || _frame.Count == 0) return; // more bytes came: not the end
                FrameEndSeenAtMicros = clock.NowMicros;
                var reply = _frame.AsEnumerable().Reverse().ToArray();
                _frame.Clear();
                Line.Transmit(reply, 0, reply.Length);
            });
        }
    }

    [Theory]
    [InlineData(9600)]
    [InlineData(19200)]
    [InlineData(115200)]
    public void EachCharacterArrivesElevenBitTimesAfterThePrevious(int baud)
    {
        var clock = new VirtualClock();
        var bus = new VirtualRs485Bus("b", clock, baud);
        var rec = new Recorder();
        bus.Attach(rec);
        var master = bus.OpenMaster();
        byte[] frame = { 0x01, 0x03, 0x00, 0x10, 0x00, 0x02, 0xC5, 0xCE };
        master.Write(frame, 0, frame.Length);
        double charMicros = 11 * 1e6 / baud;
        Assert.Equal(charMicros, bus.CharacterMicros, 9);

        clock.AdvanceTo((long)(charMicros - 1));
        Assert.Empty(rec.Bytes); // the first character's stop bit has not arrived yet
        clock.AdvanceTo((long)(frame.Length * charMicros) + 1);
        Assert.Equal(frame, rec.Bytes.Select(b => b.Value).ToArray());
        for (int i = 0; i < frame.Length; i++)
            Assert.InRange(rec.Bytes[i].AtMicros, (long)((i + 1) * charMicros) - 1, (long)((i + 1) * charMicros) + 1);
    }

    [Fact]
    public void AReplyReachesTheMasterOnlyAfterSilencePlusItsOwnCharacterTimes()
    {
        var clock = new VirtualClock();
        var bus = new VirtualRs485Bus("b", clock, 9600);
        var slave = new SilenceResponder(clock);
        slave.Line = bus.Attach(slave);
        var master = bus.OpenMaster();
        byte[] request = { 1, 2, 3, 4, 5, 6, 7, 8 };
        master.Write(request, 0, request.Length);
        double c = bus.CharacterMicros; // 1145.83 µs
        long requestEnd = (long)Math.Round(8 * c);
        long frameEnd = requestEnd + (long)Math.Ceiling(3.5 * c);
        long replyEnd = frameEnd + (long)Math.Round(8 * c);

        clock.AdvanceTo(replyEnd - 2);
        var buf = new byte[16];
        Assert.Equal(7, master.Read(buf, 0, 16)); // the last character is still on the wire
        clock.AdvanceTo(replyEnd + 1);
        Assert.Equal(1, master.Read(buf, 7, 9));
        Assert.Equal(request.Reverse().ToArray(), buf.Take(8).ToArray());
        Assert.Equal(frameEnd, slave.FrameEndSeenAtMicros);
        Assert.InRange(replyEnd / 1000.0, 22.3, 22.4); // 8 + 3.5 + 8 characters at 9600 baud ≈ 22.35 ms
    }

    [Fact]
    public void TheMasterDoesNotHearItself()
    {
        var clock = new VirtualClock();
        var bus = new VirtualRs485Bus("b", clock, 9600);
        var master = bus.OpenMaster();
        master.Write(new byte[] { 1, 2, 3 }, 0, 3);
        clock.AdvanceMs(100);
        Assert.Equal(0, master.Available);
        Assert.Equal(3, bus.CharactersCarried);
    }

    [Fact]
    public void TwoDriversAtOnceCollideAndAreCounted()
    {
        var clock = new VirtualClock();
        var bus = new VirtualRs485Bus("b", clock, 9600);
        var rec = new Recorder();
        var other = bus.Attach(new Recorder());
        bus.Attach(rec);
        var master = bus.OpenMaster();
        master.Write(new byte[] { 0x11, 0x22, 0x33 }, 0, 3);
        clock.AdvanceTo(1000); // inside the first character
        other.Transmit(new byte[] { 0x44 }, 0, 1);
        clock.AdvanceMs(50);
        Assert.Equal(1, bus.Collisions);
        Assert.DoesNotContain(rec.Bytes, b => b.Value == 0x44);
    }

    [Fact]
    public void NoiseCorruptsTheSameCharactersForTheSameSeed()
    {
        byte[] Received(int seed)
        {
            var clock = new VirtualClock();
            var bus = new VirtualRs485Bus("b", clock, 9600, 11, seed) { NoiseProbability = 0.3 };
            var rec = new Recorder();
            bus.Attach(rec);
            var master = bus.OpenMaster();
            var data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
            master.Write(data, 0, data.Length);
            clock.AdvanceMs(200);
            return rec.Bytes.Select(b => b.Value).ToArray();
        }
        var a = Received(5);
        Assert.Equal(a, Received(5));
        int corrupted = a.Where((b, i) => b != i).Count();
        Assert.InRange(corrupted, 8, 32);
    }

    [Fact]
    public void ADisconnectedLineDeliversNothing()
    {
        var clock = new VirtualClock();
        var bus = new VirtualRs485Bus("b", clock, 9600) { Disconnected = true };
        var rec = new Recorder();
        bus.Attach(rec);
        bus.OpenMaster().Write(new byte[] { 1 }, 0, 1);
        clock.AdvanceMs(10);
        Assert.Empty(rec.Bytes);
    }

    [Fact]
    public void ModbusSensors_GetTheRegisteredSlaveOnTheirBus()
    {
        var previous = PlantModel.ModbusSensorSlaveFactory;
        var made = new List<(string Sensor, int Address)>();
        var devices = new List<Recorder>();
        try
        {
            PlantModel.ModbusSensorSlaveFactory = (sensor, clock) =>
            {
                made.Add((sensor.Id, sensor.Spec.SlaveAddress));
                var r = new Recorder();
                devices.Add(r);
                return r;
            };
            var clock = new VirtualClock();
            var def = new Qinshui.Edge.Simulator.Scenarios.PlantDefinition();
            def.Variables.Add(("t", Qinshui.Edge.Core.Domain.Unit.DegreesCelsius, 20));
            def.Buses.Add(("rs485-1", 9600));
            def.Sensors.Add(new SensorSpec { Id = "temp", Measures = "t", Unit = Qinshui.Edge.Core.Domain.Unit.DegreesCelsius, Interface = SensorInterface.Modbus, Bus = "rs485-1", SlaveAddress = 7 });
            def.Sensors.Add(new SensorSpec { Id = "analog", Measures = "t", Unit = Qinshui.Edge.Core.Domain.Unit.DegreesCelsius });
            var plant = def.Build(clock, 1);
            Assert.Equal(new[] { ("temp", 7) }, made);
            plant.TryGetBus("rs485-1", out var bus);
            bus.OpenMaster().Write(new byte[] { 7, 3 }, 0, 2);
            clock.AdvanceMs(10);
            Assert.Equal(new byte[] { 7, 3 }, devices[0].Bytes.Select(b => b.Value).ToArray());
        }
        finally
        {
            PlantModel.ModbusSensorSlaveFactory = previous;
        }
    }
}
