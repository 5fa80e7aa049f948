using System.Device.Spi;

namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// The MFRC522's SPI interface (datasheet §8.1.2): the first byte is the address, (reg &lt;&lt; 1)
/// with bit 7 = 1 to read; when reading, each following MOSI byte is the next address and MISO
/// carries the register addressed by the byte before; when writing, the following bytes are data.
/// </summary>
public sealed class Mfrc522SpiEmulator(Mfrc522Emulator chip, int busId = 0, int chipSelect = 0) : SpiDevice
{
    public override SpiConnectionSettings ConnectionSettings { get; } = new(busId, chipSelect);

    public bool IsDisposed { get; private set; }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (IsDisposed) throw new ObjectDisposedException(nameof(Mfrc522SpiEmulator));
        if (writeBuffer.Length == 0) return;
        byte[] mosi = writeBuffer.ToArray();
        int first = (mosi[0] >> 1) & 0x3F;
        readBuffer[0] = 0;
        if ((mosi[0] & 0x80) == 0)
        {
            for (int i = 1; i < mosi.Length; i++)
            {
                chip.WriteRegister(first, mosi[i]);
                readBuffer[i] = 0;
            }
            return;
        }
        for (int i = 1; i < mosi.Length; i++) readBuffer[i] = chip.ReadRegister((mosi[i - 1] >> 1) & 0x3F);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => TransferFullDuplex(buffer, new byte[buffer.Length]);
    public override void WriteByte(byte value) => Write([value]);
    public override void Read(Span<byte> buffer) => throw new NotSupportedException("the MFRC522 driver only uses full-duplex transfers");
    public override byte ReadByte() => throw new NotSupportedException("the MFRC522 driver only uses full-duplex transfers");

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
