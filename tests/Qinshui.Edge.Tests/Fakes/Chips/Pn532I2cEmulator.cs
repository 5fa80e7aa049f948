using System.Device.I2c;

namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// The PN532's I2C link (UM0701-02, I2C communication): the host writes frames; every read starts with the
/// status byte (bit 0 = ready) followed by the pending frame (ACK first, then the response), and a
/// read consumes that frame. A lone status read (ReadByte) polls readiness without consuming.
/// </summary>
public sealed class Pn532I2cEmulator(Pn532Emulator chip, int busId = 1, int address = 0x24) : I2cDevice
{
    private readonly Queue<byte[]> _pending = new();

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var f in chip.Receive(buffer)) _pending.Enqueue(f);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        buffer.Clear();
        if (buffer.Length == 0 || !_pending.TryDequeue(out var frame)) return;
        buffer[0] = 0x01;
        frame.AsSpan(0, Math.Min(frame.Length, buffer.Length - 1)).CopyTo(buffer[1..]);
    }

    public override byte ReadByte() => (byte)(_pending.Count > 0 ? 0x01 : 0x00);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
