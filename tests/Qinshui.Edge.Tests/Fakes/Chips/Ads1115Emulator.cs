using System.Device.I2c;

namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// A TI ADS1115 at register level behind System.Device's I2cDevice, so Iot.Device.Bindings'
/// own Ads1115 driver runs against it. Datasheet SBAS444D §9.5.3, §9.6: a pointer byte selects
/// the conversion (0), config (1), Lo_thresh (2) or Hi_thresh (3) register; registers are 16-bit
/// big-endian. Writing config with OS=1 in single-shot mode (MODE=1) starts a conversion; OS reads
/// 0 while it runs and 1 when done. The result is the selected input's voltage over the PGA's
/// full scale, in two's complement, clipped to ±32767/−32768.
/// </summary>
public sealed class Ads1115Emulator(int busId = 1, int address = 0x48) : I2cDevice
{
    private readonly object _gate = new();
    private ushort _config = 0x8583; // reset value, datasheet §9.6.3
    private short _conversion;
    private ushort _loThresh = 0x8000, _hiThresh = 0x7FFF;
    private byte _pointer;
    private int _busyReads;

    /// <summary>Voltage of AIN0..AIN3 against GND.</summary>
    public double[] InputVolts { get; } = new double[4];

    /// <summary>Config reads that still show a conversion running after each start (exercises the driver's busy wait).</summary>
    public int BusyReadsPerConversion { get; set; } = 1;

    /// <summary>The bus no longer acknowledges the address: every transfer throws, as Linux's i2c-dev does (EREMOTEIO).</summary>
    public bool Disconnected { get; set; }

    /// <summary>A conversion that never completes (OS stays 0).</summary>
    public bool StuckConverting { get; set; }

    /// <summary>Each conversion started: (MUX, PGA, DR) fields of the config register.</summary>
    public List<(int mux, int pga, int dataRate)> Conversions { get; } = new();

    public bool IsDisposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    /// <summary>Sets the loop current through a shunt on one single-ended input.</summary>
    public void SetLoop(int input, double milliamps, double shuntOhms) => InputVolts[input] = milliamps * shuntOhms / 1000.0;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            Check();
            if (buffer.Length == 0) return;
            _pointer = (byte)(buffer[0] & 0x03);
            if (buffer.Length == 1) return;
            if (buffer.Length != 3) throw new IOException("ADS1115 registers are written as pointer + 2 bytes");
            ushort value = (ushort)(buffer[1] << 8 | buffer[2]);
            switch (_pointer)
            {
                case 1: WriteConfig(value); break;
                case 2: _loThresh = value; break;
                case 3: _hiThresh = value; break;
                // The conversion register is read-only; writes are ignored by the chip.
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            Check();
            ushort v = _pointer switch
            {
                0 => (ushort)_conversion,
                1 => ReadConfig(),
                2 => _loThresh,
                _ => _hiThresh,
            };
            // Reads past the second byte repeat the register (a master reading more than 2 bytes).
            for (int i = 0; i < buffer.Length; i++) buffer[i] = i % 2 == 0 ? (byte)(v >> 8) : (byte)v;
        }
    }

    public override byte ReadByte()
    {
        Span<byte> b = stackalloc byte[1];
        Read(b);
        return b[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Check()
    {
        if (IsDisposed) throw new ObjectDisposedException(nameof(Ads1115Emulator));
        if (Disconnected) throw new IOException("Error 121 performing I2C data transfer (remote I/O error: no ACK)");
    }

    private ushort ReadConfig()
    {
        if (StuckConverting) return (ushort)(_config & 0x7FFF);
        if (_busyReads > 0)
        {
            _busyReads--;
            return (ushort)(_config & 0x7FFF);
        }
        return (ushort)(_config | 0x8000);
    }

    private void WriteConfig(ushort value)
    {
        bool singleShot = (value & 0x0100) != 0;
        bool start = (value & 0x8000) != 0;
        _config = (ushort)(value & 0x7FFF);
        if (singleShot && !start) return; // no effect in power-down without OS (§9.6.3)
        int mux = (value >> 12) & 0x7;
        int pga = (value >> 9) & 0x7;
        int dr = (value >> 5) & 0x7;
        Conversions.Add((mux, pga, dr));
        _conversion = Convert(mux, pga);
        _busyReads = BusyReadsPerConversion;
    }

    private short Convert(int mux, int pga)
    {
        double v = mux switch
        {
            0 => InputVolts[0] - InputVolts[1],
            1 => InputVolts[0] - InputVolts[3],
            2 => InputVolts[1] - InputVolts[3],
            3 => InputVolts[2] - InputVolts[3],
            _ => InputVolts[mux - 4],
        };
        double fullScale = pga switch { 0 => 6.144, 1 => 4.096, 2 => 2.048, 3 => 1.024, 4 => 0.512, _ => 0.256 };
        double code = Math.Round(v / fullScale * 32768.0);
        return (short)Math.Clamp(code, -32768, 32767);
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
