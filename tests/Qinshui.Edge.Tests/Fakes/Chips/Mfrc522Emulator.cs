namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// An NXP MFRC522 at register level with one ISO/IEC 14443 type A card in its field, for
/// Iot.Device.Bindings' MfRc522 driver (through <see cref="Mfrc522SpiEmulator"/> or
/// <see cref="Mfrc522I2cEmulator"/>). Datasheet MFRC522 rev. 3.9: FIFO (§8.3), CommandReg
/// (§10.3), ComIrqReg/DivIrqReg Set bits (§9.3.1.5–6), BitFramingReg StartSend/TxLastBits
/// (§9.3.1.14), CalcCRC with preset 0x6363 (§10.3.1.4). The card follows ISO/IEC 14443-3's
/// state machine: REQA wakes an IDLE card, WUPA also a HALTed one; ANTICOLLISION and SELECT
/// per cascade level (4- and 7-byte UIDs); HLTA halts it; any unexpected frame sends it back
/// to IDLE (or HALT if it was woken from HALT). No answer = the receive timer expires (TimerIRq).
/// </summary>
public sealed class Mfrc522Emulator
{
    private const int CommandReg = 0x01, ComIrqReg = 0x04, DivIrqReg = 0x05, ErrorReg = 0x06, FifoDataReg = 0x09, FifoLevelReg = 0x0A,
        ControlReg = 0x0C, BitFramingReg = 0x0D, CrcResultHigh = 0x21, CrcResultLow = 0x22, VersionReg = 0x37;
    private const byte Idle = 0x00, CalcCrc = 0x03, Transceive = 0x0C, SoftReset = 0x0F;
    private const byte TimerIrq = 0x01, RxIrq = 0x20, IdleIrq = 0x10, CrcIrq = 0x04;

    private readonly object _gate = new();
    private readonly byte[] _regs = new byte[64];
    private readonly Queue<byte> _fifo = new();
    private byte[]? _uid;
    private CardState _state = CardState.Idle;
    private bool _wokenFromHalt;
    private int _level;

    private enum CardState { Idle, Ready, Active, Halt }

    public Mfrc522Emulator() => Reset();

    /// <summary>Transfers throw (the device node is gone, the bus driver reports an error).</summary>
    public bool Broken { get; set; }

    /// <summary>Version register (datasheet §9.3.4.8): 0x92 = version 2.0; a missing module reads 0x00.</summary>
    public byte Version { get; set; } = 0x92;

    /// <summary>Frames the reader sent to the card, as hex (REQA "26", WUPA "52", HLTA "5000…").</summary>
    public List<string> Frames { get; } = new();

    /// <summary>Places a card in the field (null removes it). A card placed in the field powers up IDLE.</summary>
    public void Present(byte[]? uid)
    {
        lock (_gate)
        {
            _uid = uid;
            _state = CardState.Idle;
            _wokenFromHalt = false;
        }
    }

    public byte ReadRegister(int reg)
    {
        lock (_gate)
        {
            if (Broken) throw new IOException("SPI transfer failed: Input/output error");
            reg &= 0x3F;
            return reg switch
            {
                FifoDataReg => _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0,
                FifoLevelReg => (byte)_fifo.Count,
                VersionReg => Version,
                _ => _regs[reg],
            };
        }
    }

    public void WriteRegister(int reg, byte value)
    {
        lock (_gate)
        {
            if (Broken) throw new IOException("SPI transfer failed: Input/output error");
            reg &= 0x3F;
            switch (reg)
            {
                case CommandReg:
                    _regs[CommandReg] = (byte)(value & 0x0F);
                    Command((byte)(value & 0x0F));
                    break;
                case ComIrqReg:
                case DivIrqReg:
                    // Bit 7 (Set1/Set2): 1 sets the marked bits, 0 clears them (§9.3.1.5).
                    if ((value & 0x80) != 0) _regs[reg] |= (byte)(value & 0x7F);
                    else _regs[reg] &= (byte)~(value & 0x7F);
                    break;
                case FifoDataReg:
                    if (_fifo.Count < 64) _fifo.Enqueue(value);
                    break;
                case FifoLevelReg:
                    if ((value & 0x80) != 0) _fifo.Clear(); // FlushBuffer
                    break;
                case BitFramingReg:
                    _regs[BitFramingReg] = (byte)(value & 0x7F);
                    if ((value & 0x80) != 0 && _regs[CommandReg] == Transceive) Transmit((byte)(value & 0x07));
                    break;
                case VersionReg:
                    break;
                default:
                    _regs[reg] = value;
                    break;
            }
        }
    }

    private void Reset()
    {
        Array.Clear(_regs);
        _fifo.Clear();
        _regs[CommandReg] = 0x20;
        _regs[0x11] = 0x3F; // ModeReg reset value
        _regs[0x14] = 0x80; // TxControlReg reset value: antenna off
    }

    private void Command(byte cmd)
    {
        switch (cmd)
        {
            case CalcCrc:
                var data = _fifo.ToArray();
                _fifo.Clear();
                ushort crc = CrcA(data, data.Length);
                _regs[CrcResultLow] = (byte)crc;
                _regs[CrcResultHigh] = (byte)(crc >> 8);
                _regs[DivIrqReg] |= CrcIrq;
                break;
            case SoftReset:
                Reset();
                break;
            case Idle:
            case Transceive:
                break;
        }
    }

    private void Transmit(byte txLastBits)
    {
        byte[] frame = _fifo.ToArray();
        _fifo.Clear();
        Frames.Add(Convert.ToHexString(frame));
        _regs[ErrorReg] = 0;
        _regs[ControlReg] &= 0xF8; // RxLastBits: whole bytes
        byte[]? answer = _uid == null ? null : CardAnswer(frame, txLastBits);
        if (answer == null)
        {
            _regs[ComIrqReg] |= TimerIrq; // nothing received before the timer ran out
            return;
        }
        foreach (var b in answer) _fifo.Enqueue(b);
        _regs[ComIrqReg] |= (byte)(RxIrq | IdleIrq);
    }

    /// <summary>The card's ISO/IEC 14443-3 answer to a frame, or null for silence.</summary>
    private byte[]? CardAnswer(byte[] f, byte txLastBits)
    {
        byte[] uid = _uid!;
        bool shortFrame = f.Length == 1 && txLastBits == 7;
        if (shortFrame && f[0] == 0x26 && _state == CardState.Idle || shortFrame && f[0] == 0x52 && (_state == CardState.Idle || _state == CardState.Halt))
        {
            _wokenFromHalt = _state == CardState.Halt;
            _state = CardState.Ready;
            _level = 1;
            return uid.Length == 4 ? [0x04, 0x00] : [0x44, 0x00];
        }
        if (_state == CardState.Ready && f.Length >= 2 && f[0] == SelCode(_level))
        {
            byte[] part = CascadePart(uid, _level);
            byte bcc = (byte)(part[0] ^ part[1] ^ part[2] ^ part[3]);
            if (f.Length == 2 && f[1] == 0x20) return [part[0], part[1], part[2], part[3], bcc];
            if (f.Length == 9 && f[1] == 0x70 && CrcOk(f) && f.AsSpan(2, 4).SequenceEqual(part) && f[6] == bcc)
            {
                bool more = uid.Length == 7 && _level == 1;
                byte sak = more ? (byte)0x04 : uid.Length == 4 ? (byte)0x08 : (byte)0x00;
                if (more) _level = 2;
                else _state = CardState.Active;
                ushort crc = CrcA([sak], 1);
                return [sak, (byte)crc, (byte)(crc >> 8)];
            }
        }
        if (_state == CardState.Active && f.Length == 4 && f[0] == 0x50 && f[1] == 0x00 && CrcOk(f))
        {
            _state = CardState.Halt; // HLTA is never answered
            return null;
        }
        // Anything unexpected: back to IDLE, or to HALT when the card was woken from it.
        if (_state is CardState.Ready or CardState.Active) _state = _wokenFromHalt ? CardState.Halt : CardState.Idle;
        return null;
    }

    private static byte SelCode(int level) => level == 1 ? (byte)0x93 : (byte)0x95;

    private static byte[] CascadePart(byte[] uid, int level) =>
        uid.Length == 4 ? uid : level == 1 ? [0x88, uid[0], uid[1], uid[2]] : uid[3..7];

    private static bool CrcOk(byte[] f)
    {
        ushort crc = CrcA(f, f.Length - 2);
        return f[^2] == (byte)crc && f[^1] == (byte)(crc >> 8);
    }

    /// <summary>CRC_A of ISO/IEC 14443-3 Annex B: preset 0x6363, reflected polynomial 0x8408, low byte sent first.</summary>
    public static ushort CrcA(byte[] data, int length)
    {
        ushort crc = 0x6363;
        for (int i = 0; i < length; i++)
        {
            byte b = (byte)(data[i] ^ (byte)crc);
            b ^= (byte)(b << 4);
            crc = (ushort)((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4));
        }
        return crc;
    }
}
