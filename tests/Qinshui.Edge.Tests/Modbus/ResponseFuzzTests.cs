using System.Diagnostics;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>
/// Random and mutated responses against random requests. Bounded: 1,000,000 cases or 20 s,
/// whichever comes first. Nothing may throw, and Ok is only allowed for a frame that an
/// independent oracle (written here, not in the core) accepts as the exact answer to the request.
/// </summary>
[Collection("pty peers")] // not beside the pty tests: on 2 cores its CPU load would starve their peers' timing
public class ResponseFuzzTests
{
    private const int Cases = 1_000_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private static readonly byte[] s_functions = { 1, 2, 3, 4, 5, 6, 15, 16 };

    // The oracle's own CRC (bitwise, computed into a table here: independent of Crc16 in the core).
    private static readonly ushort[] s_crc = Enumerable.Range(0, 256).Select(i =>
    {
        int c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0xA001 : c >> 1;
        return (ushort)c;
    }).ToArray();

    private static ushort Crc(byte[] b, int n)
    {
        int c = 0xFFFF;
        for (int i = 0; i < n; i++) c = (c >> 8) ^ s_crc[(c ^ b[i]) & 0xFF];
        return (ushort)c;
    }

    /// <summary>The oracle: is frame[0..n) exactly a correct normal response to the request?</summary>
    private static bool OracleValid(byte[] req, byte[] f, int n)
    {
        if (n < 5 || n > 256) return false;
        ushort crc = Crc(f, n - 2);
        if (f[n - 2] != (crc & 0xFF) || f[n - 1] != crc >> 8) return false;
        if (f[0] != req[0] || f[1] != req[1]) return false;
        int qty = req[4] << 8 | req[5];
        switch (req[1])
        {
            case 1: case 2: return f[2] == (qty + 7) / 8 && n == 5 + f[2];
            case 3: case 4: return f[2] == 2 * qty && n == 5 + f[2];
            default: return n == 8 && f[2] == req[2] && f[3] == req[3] && f[4] == req[4] && f[5] == req[5];
        }
    }

    private static int RandomRequest(Random rng, byte[] req, byte[] resp, ModbusSlaveDevice slave)
    {
        byte fn = s_functions[rng.Next(s_functions.Length)];
        int qty = fn switch { 1 or 2 => rng.Next(1, 300), 3 or 4 => rng.Next(1, 126), 15 => rng.Next(1, 300), 16 => rng.Next(1, 124), _ => 1 };
        int addr = rng.Next(0, 200);
        int n = fn switch
        {
            5 => RtuFrame.BuildWriteSingleCoil(req, slave.Unit, addr, rng.Next(2) == 0),
            6 => RtuFrame.BuildWriteSingleRegister(req, slave.Unit, addr, (ushort)rng.Next(65536)),
            15 => RtuFrame.BuildWriteMultipleCoils(req, slave.Unit, addr, new bool[qty], 0, qty),
            16 => RtuFrame.BuildWriteMultipleRegisters(req, slave.Unit, addr, new ushort[qty], 0, qty),
            _ => RtuFrame.BuildRead(req, slave.Unit, fn, addr, qty),
        };
        return n;
    }

    [Fact]
    public void ResponseParser_MillionCases_NeverThrows_AndNeverAcceptsABadFrame()
    {
        var rng = new Random(20261128);
        var slave = new ModbusSlaveDevice(17, 1000);
        for (int i = 0; i < 1000; i++) { slave.HoldingRegisters[i] = (ushort)rng.Next(65536); slave.Coils[i] = rng.Next(2) == 0; }
        var req = new byte[300];
        var frame = new byte[300];
        var sw = Stopwatch.StartNew();
        int cases = 0, accepted = 0, acceptedMutants = 0;
        var reqBuf = Array.Empty<byte>();
        int reqLen = 0;
        while (cases < Cases && sw.Elapsed < Budget)
        {
            if (cases % 64 == 0)
            {
                reqLen = RandomRequest(rng, req, frame, slave);
            }
            int n;
            int kind = rng.Next(4);
            if (kind == 0)
            {
                // Pure noise of any length (0..258, just past the RTU maximum).
                n = rng.Next(0, 259);
                rng.NextBytes(frame.AsSpan(0, n));
            }
            else
            {
                n = slave.Handle(req, reqLen, frame);
                if (n == 0) n = 5;
                int mutations = rng.Next(1, 4);
                for (int m = 0; m < mutations; m++)
                {
                    switch (rng.Next(5))
                    {
                        case 0: frame[rng.Next(n)] ^= (byte)(1 << rng.Next(8)); break;        // bit flip
                        case 1: n = rng.Next(0, n); break;                                     // truncate
                        case 2: if (n < 258) frame[n++] = (byte)rng.Next(256); break;          // extra byte
                        case 3: frame[rng.Next(Math.Max(n, 1))] = (byte)rng.Next(256); break;  // byte replaced
                        default: if (n > 0) frame[rng.Next(n)] = frame[rng.Next(n)]; break;   // byte duplicated
                    }
                }
                // Half the mutants get a valid CRC so the deeper checks (unit, function, count, echo) are reached.
                if (kind >= 2 && n >= 3)
                {
                    ushort c = Crc(frame, n - 2);
                    frame[n - 2] = (byte)c;
                    frame[n - 1] = (byte)(c >> 8);
                }
            }
            bool ok = RtuFrame.TryParseResponse(req, reqLen, frame, n, out var r);
            bool valid = OracleValid(req, frame, n);
            if (ok != valid)
            {
                Assert.Fail($"case {cases}: parser {(ok ? "accepted" : "refused")} ({r.Status}) a frame the oracle {(valid ? "accepts" : "refuses")}: " +
                    $"req {Convert.ToHexString(req, 0, reqLen)} resp {Convert.ToHexString(frame, 0, n)}");
            }
            if (ok)
            {
                accepted++;
                if (kind != 0) acceptedMutants++;
                if (r.DataOffset + r.DataLength > n - 2) Assert.Fail($"case {cases}: data runs into the CRC");
            }
            else if (r.Status == ModbusStatus.Ok || r.Status == ModbusStatus.Pending)
            {
                Assert.Fail($"case {cases}: refused frame with status {r.Status}");
            }
            cases++;
        }
        Console.WriteLine($"fuzz: {cases} cases, {accepted} accepted ({acceptedMutants} mutants), {sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(cases == Cases || sw.Elapsed >= Budget);
        Assert.True(cases >= 100_000, $"only {cases} cases in {sw.Elapsed}");
        Assert.True(accepted > 0, "no valid frame ever generated: the fuzzer only exercised the CRC check");
    }

    [Fact]
    public void Master_FedCorruptedAnswers_NeverPublishesAValueFromThem()
    {
        var clock = new FakeClock();
        var rng = new Random(5);
        var slave = new ModbusSlaveDevice(3, 200);
        for (int i = 0; i < 200; i++) slave.HoldingRegisters[i] = (ushort)(0x4000 + i);
        var line = new FakeSerialLine(clock);
        var resp = new byte[300];
        bool corrupt = false;
        line.Responder = req =>
        {
            int n = slave.Handle(req, req.Length, resp);
            var a = resp[..n].ToList();
            corrupt = rng.Next(2) == 0;
            if (corrupt)
            {
                switch (rng.Next(4))
                {
                    case 0: a[rng.Next(a.Count)] ^= (byte)(1 << rng.Next(8)); break;
                    case 1: a.RemoveAt(a.Count - 1 - rng.Next(Math.Min(3, a.Count - 1))); break;
                    case 2: a.Add((byte)rng.Next(256)); break;
                    default: a[0] ^= 0x07; var b = a.ToArray(); Crc16.Append(b, b.Length - 2); a = b.ToList(); break;
                }
            }
            return a.ToArray();
        };
        var m = new ModbusMaster(line, clock, new ModbusTiming(19200, 11, 50, 0, 100));
        var t = new ModbusTransaction(125, 10);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 5_000 && sw.Elapsed < TimeSpan.FromSeconds(10); i++)
        {
            Array.Fill(t.Registers, (ushort)0xDEAD);
            int addr = rng.Next(0, 150), qty = rng.Next(1, 50);
            t.SetRead(3, FunctionCode.ReadHoldingRegisters, addr, qty);
            Assert.True(m.Start(t));
            while (m.Step() == ModbusStatus.Pending) clock.Advance(1);
            if (t.Status == ModbusStatus.Ok)
            {
                Assert.False(corrupt, "a corrupted answer was accepted");
                for (int k = 0; k < qty; k++) Assert.Equal(0x4000 + addr + k, t.Registers[k]);
            }
            else
            {
                Assert.True(corrupt);
                Assert.All(t.Registers, v => Assert.Equal(0xDEAD, v));
            }
        }
    }
}
