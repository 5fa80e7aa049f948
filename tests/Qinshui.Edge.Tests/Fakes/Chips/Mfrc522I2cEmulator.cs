using System.Device.I2c;

namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// The MFRC522's I2C interface (datasheet §8.1.4): a write is the register address then data
/// bytes (all to that register, as the FIFO is filled); a read sets the address, then reads
/// the register repeatedly. The driver sends the 6-bit address (with bit 7 set on reads).
/// </summary>
public sealed class Mfrc522I2cEmulator(Mfrc522Emulator chip, int busId = 1, int address = 0x28) : I2cDevice
{
    private int _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length == 0) return;
        _pointer = buffer[0] & 0x3F;
        for (int i = 1; i < buffer.Length; i++) chip.WriteRegister(_pointer, buffer[i]);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = chip.ReadRegister(_pointer);
    }

    public override byte ReadByte() => chip.ReadRegister(_pointer);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
