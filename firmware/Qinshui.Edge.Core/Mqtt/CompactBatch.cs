using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Writes one compact data batch (<see cref="CompactData"/>, docs/mqtt.md "Compact data") into a
    /// buffer sized at start-up. Rows go after a gap kept for the header, which is written on
    /// <see cref="Close"/> right before them (the announced next number "nb" is known only then).
    /// A value is the zigzag difference of its scaled integer from the same channel's previous value in
    /// this batch, so a batch decodes on its own (a lost message costs only itself). Allocates nothing.
    /// </summary>
    public sealed class CompactBatch
    {
        private readonly byte[] _buf;
        private readonly int _width;
        private readonly int _bitmapBytes;
        private readonly byte[] _decimals;
        private readonly long[] _prev;
        private readonly byte[] _presence;
        private readonly byte[] _bad;
        private readonly byte[] _offset;
        private readonly byte[] _header = new byte[CompactData.MaxHeaderBytes];
        private int _pos;
        private long _ts;
        private long _lastRowUtc;
        private int _rows;

        /// <param name="decimals">Per channel, the decimals its values are sent with (<see cref="CompactData.DecimalsForSpan"/>).</param>
        public CompactBatch(byte[] buffer, byte[] decimals)
        {
            _buf = buffer;
            _width = decimals.Length;
            _decimals = decimals;
            _bitmapBytes = (_width + 7) / 8;
            _prev = new long[_width];
            _presence = new byte[_bitmapBytes];
            _bad = new byte[_bitmapBytes];
            _offset = new byte[_bitmapBytes];
        }

        public byte[] Buffer { get { return _buf; } }
        public int Width { get { return _width; } }

        /// <summary>Bytes the rows take so far.</summary>
        public int RowBytes { get { return _pos - CompactData.MaxHeaderBytes; } }

        /// <summary>Worst case of one row with n readings: time, flags, three bitmaps, per reading offset + quality + value.</summary>
        public int RowReserve(int n)
        {
            return 10 + 1 + 3 * _bitmapBytes + n * (10 + 3 + 10);
        }

        /// <summary>True when a row of n readings still fits (header included).</summary>
        public bool Fits(int n)
        {
            return _pos + RowReserve(n) <= _buf.Length;
        }

        public void Open(long tsUtcMs)
        {
            _pos = CompactData.MaxHeaderBytes;
            _ts = tsUtcMs;
            _lastRowUtc = tsUtcMs;
            _rows = 0;
            for (int i = 0; i < _width; i++) _prev[i] = 0;
        }

        /// <summary>Clears the row's bitmaps; then <see cref="Mark"/> each reading, <see cref="BeginRow"/>, and <see cref="WriteReading"/> each in index order.</summary>
        public void StartRow()
        {
            for (int i = 0; i < _bitmapBytes; i++)
            {
                _presence[i] = 0;
                _bad[i] = 0;
                _offset[i] = 0;
            }
        }

        public void Mark(int channel, bool qualityNotGood, bool offTime)
        {
            byte bit = (byte)(1 << (channel & 7));
            int at = channel >> 3;
            _presence[at] |= bit;
            if (qualityNotGood) _bad[at] |= bit;
            if (offTime) _offset[at] |= bit;
        }

        /// <summary>Writes the row's time and those bitmaps that are not all-default.</summary>
        public void BeginRow(long rowUtcMs)
        {
            long dt = _rows == 0 ? rowUtcMs - _ts : rowUtcMs - _lastRowUtc - CompactData.NominalRowPeriodMs;
            _pos = CompactData.WriteVarint(_buf, _pos, CompactData.ZigZag(dt));
            _lastRowUtc = rowUtcMs;
            _rows++;
            byte flags = 0;
            if (!AllPresent()) flags |= CompactData.RowPresence;
            if (Any(_bad)) flags |= CompactData.RowQuality;
            if (Any(_offset)) flags |= CompactData.RowOffsets;
            _buf[_pos++] = flags;
            if ((flags & CompactData.RowPresence) != 0) Copy(_presence);
            if ((flags & CompactData.RowQuality) != 0) Copy(_bad);
            if ((flags & CompactData.RowOffsets) != 0) Copy(_offset);
        }

        /// <summary>One marked reading: its time offset and quality when marked so, then its value unless bad.</summary>
        public void WriteReading(int channel, long rowUtcMs, Reading r, Quality q)
        {
            byte bit = (byte)(1 << (channel & 7));
            int at = channel >> 3;
            if ((_offset[at] & bit) != 0) _pos = CompactData.WriteVarint(_buf, _pos, CompactData.ZigZag(rowUtcMs - r.UtcMs));
            if ((_bad[at] & bit) != 0) _pos = CompactData.WriteVarint(_buf, _pos, (ulong)(int)q);
            if (QualityRules.IsBad(q)) return;
            long m = Scaled(r.Value, _decimals[channel]);
            _pos = CompactData.WriteVarint(_buf, _pos, CompactData.ZigZag(m - _prev[channel]));
            _prev[channel] = m;
        }

        /// <summary>value × 10^decimals rounded half away from zero, kept within ±2^50 (a value that large is out of range anyway).</summary>
        public static long Scaled(double value, int decimals)
        {
            double v = value;
            for (int i = 0; i < decimals; i++) v *= 10;
            const double limit = 1125899906842624.0;
            if (v > limit) v = limit;
            if (v < -limit) v = -limit;
            if (double.IsNaN(v)) v = 0;
            return (long)(v >= 0 ? v + 0.5 : v - 0.5);
        }

        /// <summary>Writes the header before the rows; returns where the payload starts (its end is <see cref="End"/>).</summary>
        public int Close(string bootId, string configHashHex, long seq, long nextSeq)
        {
            int h = 0;
            uint boot;
            bool bootHex = bootId != null && bootId.Length == 8 && CompactData.TryParseHex8(bootId, out boot);
            uint cfg;
            bool hasCfg = CompactData.TryParseHex8(configHashHex, out cfg);
            byte first = CompactData.Magic;
            if (hasCfg) first |= CompactData.CfgBit;
            if (!bootHex) first |= CompactData.BootTextBit;
            _header[h++] = first;
            if (bootHex)
            {
                CompactData.TryParseHex8(bootId, out boot);
                h = WriteUInt32BigEndian(_header, h, boot);
            }
            else
            {
                int n = bootId == null ? 0 : bootId.Length > CompactData.MaxBootTextBytes ? CompactData.MaxBootTextBytes : bootId.Length;
                h = CompactData.WriteVarint(_header, h, (ulong)n);
                for (int i = 0; i < n; i++) _header[h++] = (byte)(bootId[i] & 0x7F);
            }
            h = CompactData.WriteVarint(_header, h, (ulong)seq);
            h = CompactData.WriteVarint(_header, h, (ulong)(nextSeq - seq));
            long ts = _ts;
            for (int i = 0; i < 6; i++)
            {
                _header[h++] = (byte)ts;
                ts >>= 8;
            }
            if (hasCfg) h = WriteUInt32BigEndian(_header, h, cfg);
            h = CompactData.WriteVarint(_header, h, (ulong)_width);
            int start = CompactData.MaxHeaderBytes - h;
            System.Array.Copy(_header, 0, _buf, start, h);
            return start;
        }

        /// <summary>End of the payload (exclusive).</summary>
        public int End { get { return _pos; } }

        private static int WriteUInt32BigEndian(byte[] b, int p, uint v)
        {
            b[p++] = (byte)(v >> 24);
            b[p++] = (byte)(v >> 16);
            b[p++] = (byte)(v >> 8);
            b[p++] = (byte)v;
            return p;
        }

        private bool AllPresent()
        {
            for (int i = 0; i < _width; i++)
            {
                if ((_presence[i >> 3] & (1 << (i & 7))) == 0) return false;
            }
            return true;
        }

        private bool Any(byte[] bitmap)
        {
            for (int i = 0; i < _bitmapBytes; i++) if (bitmap[i] != 0) return true;
            return false;
        }

        private void Copy(byte[] bitmap)
        {
            System.Array.Copy(bitmap, 0, _buf, _pos, _bitmapBytes);
            _pos += _bitmapBytes;
        }
    }
}
