using System.Globalization;
using System.Text;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>One reading of a compact data batch: the scaled integer and the decimals are resolved by the caller's channel list.</summary>
public readonly record struct CompactReading(int Channel, long UtcMs, long Scaled, bool HasValue, int Quality);

/// <summary>A decoded compact data batch (docs/mqtt.md, "Compact data").</summary>
public sealed class CompactDataBatch
{
    public bool Hist { get; init; }
    public string Boot { get; init; } = "";
    public long Seq { get; init; }
    public long NextSeq { get; init; }
    public long Ts { get; init; }
    /// <summary>The first 8 hex digits of the configuration hash, or "" when the batch has none.</summary>
    public string Cfg { get; init; } = "";
    public int Width { get; init; }
    public List<CompactReading> Readings { get; } = [];
}

/// <summary>
/// Reads the compact data encoding the core writes (Core/Mqtt/CompactBatch.cs) and turns it into the
/// JSON form of data.json, so tools and the platform feed read one shape whichever the gateway sends.
/// </summary>
public static class CompactDataDecoder
{
    /// <summary>Decodes a compact batch; false with a reason when the bytes are not one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> p, out CompactDataBatch batch, out string error)
    {
        batch = new CompactDataBatch();
        error = "";
        int pos = 0;
        try
        {
            if (p.Length < 1 || (p[0] & CompactData.MagicMask) != CompactData.Magic) { error = "not a compact data payload"; return false; }
            byte first = p[pos++];
            string boot;
            if ((first & CompactData.BootTextBit) != 0)
            {
                int n = (int)Varint(p, ref pos);
                boot = Encoding.ASCII.GetString(p.Slice(pos, n));
                pos += n;
            }
            else
            {
                boot = BigEndian(p, ref pos).ToString("x8", CultureInfo.InvariantCulture);
            }
            long seq = (long)Varint(p, ref pos);
            long next = seq + (long)Varint(p, ref pos);
            long ts = 0;
            for (int i = 0; i < 6; i++) ts |= (long)p[pos++] << (8 * i);
            string cfg = (first & CompactData.CfgBit) != 0 ? BigEndian(p, ref pos).ToString("x8", CultureInfo.InvariantCulture) : "";
            int width = (int)Varint(p, ref pos);
            if (width > 4096) { error = "width " + width + " too large"; return false; }
            batch = new CompactDataBatch { Hist = (first & CompactData.HistBit) != 0, Boot = boot, Seq = seq, NextSeq = next, Ts = ts, Cfg = cfg, Width = width };
            ReadRows(p, ref pos, batch);
            return true;
        }
        catch (IndexOutOfRangeException)
        {
            error = "payload ends inside a row (at byte " + pos + ")";
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            error = "payload ends inside a row (at byte " + pos + ")";
            return false;
        }
    }

    private static void ReadRows(ReadOnlySpan<byte> p, ref int pos, CompactDataBatch b)
    {
        int bytes = (b.Width + 7) / 8;
        var prev = new long[b.Width];
        long rowUtc = b.Ts;
        int rows = 0;
        while (pos < p.Length)
        {
            long dt = CompactData.UnZigZag(Varint(p, ref pos));
            rowUtc += rows == 0 ? dt : dt + CompactData.NominalRowPeriodMs;
            rows++;
            byte flags = p[pos++];
            ReadOnlySpan<byte> presence = (flags & CompactData.RowPresence) != 0 ? p.Slice(pos, bytes) : default;
            if ((flags & CompactData.RowPresence) != 0) pos += bytes;
            ReadOnlySpan<byte> bad = (flags & CompactData.RowQuality) != 0 ? p.Slice(pos, bytes) : default;
            if ((flags & CompactData.RowQuality) != 0) pos += bytes;
            ReadOnlySpan<byte> offset = (flags & CompactData.RowOffsets) != 0 ? p.Slice(pos, bytes) : default;
            if ((flags & CompactData.RowOffsets) != 0) pos += bytes;
            for (int c = 0; c < b.Width; c++)
            {
                if (!Bit(presence, c, true)) continue;
                long at = rowUtc;
                if (Bit(offset, c, false)) at -= CompactData.UnZigZag(Varint(p, ref pos));
                int q = Bit(bad, c, false) ? (int)Varint(p, ref pos) : 0;
                bool has = !Core.Domain.QualityRules.IsBad((Core.Domain.Quality)q);
                long m = 0;
                if (has)
                {
                    m = prev[c] + CompactData.UnZigZag(Varint(p, ref pos));
                    prev[c] = m;
                }
                b.Readings.Add(new CompactReading(c, at, m, has, q));
            }
        }
    }

    /// <summary>
    /// The JSON form (data.json) of a compact batch. decimals(channel) gives the channel's "dp" from the
    /// meta pages of the batch's configuration, or null when unknown: that reading is then sent on as
    /// null with quality no_data (256), never as an unscaled number.
    /// </summary>
    public static byte[] ToJson(CompactDataBatch b, Func<int, int?> decimals)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder(64 + b.Readings.Count * 20);
        s.Append('{');
        if (b.Hist) s.Append("\"hist\":true,");
        s.Append("\"v\":1,\"boot\":\"").Append(b.Boot).Append("\",\"seq\":").Append(b.Seq.ToString(inv))
         .Append(",\"ts\":").Append(b.Ts.ToString(inv)).Append(",\"cfg\":\"").Append(b.Cfg).Append("\",\"r\":[");
        for (int i = 0; i < b.Readings.Count; i++)
        {
            var r = b.Readings[i];
            if (i > 0) s.Append(',');
            s.Append('[').Append(r.Channel.ToString(inv)).Append(',').Append((r.UtcMs - b.Ts).ToString(inv)).Append(',');
            int? dp = decimals(r.Channel);
            int q = r.Quality;
            if (r.HasValue && dp is int d) s.Append(Scale(r.Scaled, d).ToString("0.######", inv));
            else
            {
                s.Append("null");
                if (r.HasValue) q |= 256;
            }
            s.Append(',').Append(q.ToString(inv)).Append(']');
        }
        s.Append("],\"nb\":").Append(b.NextSeq.ToString(inv)).Append('}');
        return Encoding.UTF8.GetBytes(s.ToString());
    }

    /// <summary>scaled / 10^decimals.</summary>
    public static double Scale(long scaled, int decimals) => (double)((decimal)scaled / (decimal)Math.Pow(10, decimals));

    private static bool Bit(ReadOnlySpan<byte> bitmap, int c, bool whenAbsent) =>
        bitmap.IsEmpty ? whenAbsent : (bitmap[c >> 3] & (1 << (c & 7))) != 0;

    private static uint BigEndian(ReadOnlySpan<byte> p, ref int pos)
    {
        uint v = (uint)(p[pos] << 24 | p[pos + 1] << 16 | p[pos + 2] << 8 | p[pos + 3]);
        pos += 4;
        return v;
    }

    private static ulong Varint(ReadOnlySpan<byte> p, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte x = p[pos++];
            v |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return v;
        }
        throw new IndexOutOfRangeException("varint longer than 10 bytes");
    }
}
