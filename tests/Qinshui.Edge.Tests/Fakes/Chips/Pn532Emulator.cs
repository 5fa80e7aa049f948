namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// A PN532 at its host-link frame level (PN532 user manual UM0701-02, frame structure), the same for HSU and
/// I2C: normal information frames 00 00 FF LEN LCS TFI PD0..PDn DCS 00 with LEN+LCS = 0 and
/// TFI+PD0+..+PDn+DCS = 0 (mod 256), TFI D4 host→chip and D5 chip→host; every valid command frame
/// is answered with the ACK frame 00 00 FF 00 FF 00 and then the response frame (command code + 1).
/// Wake-up bytes before a frame (0x55 on HSU, zeros on I2C) are skipped. Commands: GetFirmwareVersion
/// (0x02), ReadGPIO (0x0C), SetParameters (0x12), SAMConfiguration (0x14), RFConfiguration (0x32),
/// InListPassiveTarget (0x4A, one ISO/IEC 14443A target at 106 kbps). Host frames with a bad
/// checksum are counted (a correct driver sends none) and not answered. Thread-safe: the HSU peer
/// feeds it from its own thread while a test moves cards.
/// </summary>
public sealed class Pn532Emulator
{
    public static readonly byte[] Ack = [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];

    private readonly object _gate = new();
    private readonly List<byte> _in = new();
    private byte[]? _card;

    /// <summary>Command codes received in valid frames, in order.</summary>
    public List<byte> Commands { get; } = new();
    public int BadHostFrames { get; private set; }
    /// <summary>The RFConfiguration MaxRetries item last set (MxRtyATR, MxRtyPSL, MxRtyPassiveActivation), or null.</summary>
    public byte[]? MaxRetries { get; private set; }

    /// <summary>Answers nothing at all (a module unpowered or on the wrong interface).</summary>
    public bool Silent { get; set; }
    /// <summary>Every response frame carries a wrong DCS (noise on the line).</summary>
    public bool CorruptAllResponses { get; set; }
    /// <summary>Only InListPassiveTarget responses carry a wrong DCS.</summary>
    public bool CorruptListResponses { get; set; }
    /// <summary>IC byte of GetFirmwareVersion (0x32 for a PN532).</summary>
    public byte IcVersion { get; set; } = 0x32;

    public void Present(byte[] uid) { lock (_gate) _card = uid; }
    public void Remove() { lock (_gate) _card = null; }

    public int Count(byte command) { lock (_gate) return Commands.Count(c => c == command); }

    /// <summary>Bytes from the host; returns what the chip sends back (ACK then response), in order.</summary>
    public List<byte[]> Receive(ReadOnlySpan<byte> bytes)
    {
        var output = new List<byte[]>();
        lock (_gate)
        {
            _in.AddRange(bytes.ToArray());
            while (TryTakeFrame(out var data))
            {
                if (data == null) { BadHostFrames++; continue; }
                Commands.Add(data[0]);
                if (Silent) continue;
                byte[]? response = Respond(data);
                if (response == null) continue;
                output.Add(Ack);
                bool corrupt = CorruptAllResponses || (CorruptListResponses && data[0] == 0x4A);
                output.Add(Frame((byte)(data[0] + 1), response, corrupt));
            }
        }
        return output;
    }

    /// <summary>A chip→host information frame; a corrupt one has its DCS off by one.</summary>
    public static byte[] Frame(byte code, byte[] data, bool corrupt = false)
    {
        int len = 2 + data.Length;
        var f = new List<byte> { 0x00, 0x00, 0xFF, (byte)len, (byte)(0x100 - len), 0xD5, code };
        f.AddRange(data);
        int sum = 0xD5 + code + data.Sum(b => b);
        f.Add((byte)(0x100 - (sum & 0xFF) + (corrupt ? 1 : 0)));
        f.Add(0x00);
        return f.ToArray();
    }

    private byte[]? Respond(byte[] d)
    {
        switch (d[0])
        {
            case 0x02: return [IcVersion, 0x01, 0x06, 0x07]; // IC, Ver 1, Rev 6, Support ISO 14443A/B + 18092
            case 0x0C: return [0xFF, 0x07, 0x00];            // P3, P7, IOI1 (UM0701-02 §7.2.6 ReadGPIO)
            case 0x12: return [];
            case 0x14: return [];
            case 0x32:
                if (d.Length >= 5 && d[1] == 0x05) MaxRetries = [d[2], d[3], d[4]];
                return [];
            case 0x4A:
                if (_card == null || d.Length < 3 || d[2] != 0x00) return [0x00];
                // NbTg 1; Tg 1, SENS_RES 00 04 (00 44 for a 7-byte UID), SEL_RES 08, NFCIDLength, NFCID1.
                var r = new List<byte> { 0x01, 0x01, 0x00, (byte)(_card.Length == 4 ? 0x04 : 0x44), 0x08, (byte)_card.Length };
                r.AddRange(_card);
                return r.ToArray();
            default:
                return null;
        }
    }

    /// <summary>Takes one frame from the input: data (PD0..PDn) when valid, null for a bad checksum; false when incomplete.</summary>
    private bool TryTakeFrame(out byte[]? data)
    {
        data = null;
        int start = -1;
        for (int i = 0; i + 1 < _in.Count; i++)
        {
            if (_in[i] == 0x00 && _in[i + 1] == 0xFF) { start = i + 2; break; }
        }
        if (start < 0 || _in.Count < start + 2) return false;
        int len = _in[start];
        int lcs = _in[start + 1];
        if (((len + lcs) & 0xFF) != 0 || len < 2)
        {
            _in.RemoveRange(0, start + 2);
            return true;
        }
        int end = start + 2 + len + 1; // TFI..PDn, DCS
        if (_in.Count < end) return false;
        int sum = 0;
        for (int i = start + 2; i < end; i++) sum += _in[i];
        bool ok = (sum & 0xFF) == 0 && _in[start + 2] == 0xD4;
        if (ok) data = _in.GetRange(start + 3, len - 1).ToArray();
        _in.RemoveRange(0, Math.Min(end + 1, _in.Count)); // and the postamble
        return true;
    }
}
