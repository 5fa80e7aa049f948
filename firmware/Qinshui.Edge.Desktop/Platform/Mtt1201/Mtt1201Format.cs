using System.Globalization;
using System.Text;

namespace Qinshui.Edge.Desktop.Platform.Mtt1201;

/// <summary>
/// The file layout of MT/T 1201.1-2023 (煤矿感知数据联网接入规范 第1部分：安全监控), in one place.
/// The official text was not available: this is reconstructed from three public implementations
/// that agree (docs/mtt1201.md, ../shared/STANDARDS.md "Platform data access"). Everything a
/// collector parses — names, terminators, time format, field order — is decided here and nowhere else.
/// </summary>
public static class Mtt1201Format
{
    public const char FieldEnd = ';';
    public const char RecordEnd = '~';
    public const string FileEnd = "||";

    /// <summary>Safety-monitoring system (安全监控) in a point code.</summary>
    public const string SystemCode = "01";
    public const string Analog = "MN";
    public const string Switch = "KG";

    public const string PointDefinitions = "CDDY";
    public const string RealTime = "CDSS";
    public const string Anomalies = "YCBJ";

    /// <summary>Files and records carry Beijing time (UTC+8, no daylight saving), as Chinese platforms read them.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>A mine code is 12 digits (Qinshui County's administrative code 140521 likely prefixes it).</summary>
    public static bool IsMineCode(string code) => code.Length == 12 && code.All(char.IsAsciiDigit);

    /// <summary>`<mine code>_<TYPE>_<yyyyMMddHHmmss>.txt`</summary>
    public static string FileName(string mineCode, string type, DateTimeOffset fileTime) =>
        $"{mineCode}_{type}_{fileTime.ToOffset(BeijingOffset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.txt";

    /// <summary>Time inside records: `yyyy-MM-dd HH:mm:ss`, Beijing time.</summary>
    public static string Time(long utcMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(utcMs).ToOffset(BeijingOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Point code = mine code + system 01 + MN/KG + 4-digit sensor type + the system's own number (4 digits here).</summary>
    public static string PointCode(string mineCode, string valueType, string sensorType, int number) =>
        mineCode + SystemCode + valueType + sensorType + number.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>A number as collectors read it: invariant, no exponent, at most 3 decimals; empty when unknown (never a made-up value).</summary>
    public static string Number(double? value) =>
        value is double v && double.IsFinite(v) ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// The format has no escaping: a field may not contain a terminator. Terminators and line breaks
    /// in names are replaced by their full-width forms (；～｜) so a name can never end a record.
    /// </summary>
    public static string Field(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            sb.Append(ch switch
            {
                ';' => '；',
                '~' => '～',
                '|' => '｜',
                '\r' or '\n' or '\t' => ' ',
                _ => ch,
            });
        }
        return sb.ToString();
    }

    /// <summary>One record: every field followed by `;`, the record by `~`.</summary>
    public static void AppendRecord(StringBuilder file, params string?[] fields)
    {
        foreach (var f in fields) file.Append(Field(f)).Append(FieldEnd);
        file.Append(RecordEnd);
    }

    /// <summary>The first record of every file: mine code; mine name; file time.</summary>
    public static StringBuilder Begin(string mineCode, string mineName, long fileUtcMs)
    {
        var sb = new StringBuilder();
        AppendRecord(sb, mineCode, mineName, Time(fileUtcMs));
        return sb;
    }

    public static string End(StringBuilder file) => file.Append(FileEnd).ToString();
}
