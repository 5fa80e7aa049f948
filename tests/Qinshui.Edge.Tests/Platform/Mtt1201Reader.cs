using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Qinshui.Edge.Tests.Platform;

/// <summary>
/// A collector's reader of MT/T 1201.1 files, written from the field table of STANDARDS.md
/// ("Platform data access") and docs/mtt1201.md, not from the bridge's code: UTF-8; every field
/// ends with ';', every record with '~', the file with '||'; the first record is mine code; mine
/// name; file time; files are named `<12-digit mine code>_<TYPE>_<yyyyMMddHHmmss>.txt`.
/// </summary>
internal sealed partial class Mtt1201File
{
    public required string MineCode { get; init; }
    public required string Type { get; init; }
    public required DateTime NameTime { get; init; }
    public required string[] Header { get; init; }
    public required List<string[]> Records { get; init; }

    [GeneratedRegex(@"^(\d{12})_(CDDY|CDSS|YCBJ|TJSJ|FZDY|FZSS)_(\d{14})\.txt$")]
    private static partial Regex NamePattern();

    public static Mtt1201File Read(string path)
    {
        var m = NamePattern().Match(Path.GetFileName(path));
        if (!m.Success) throw new FormatException($"{path}: not <mine>_<TYPE>_<yyyyMMddHHmmss>.txt");
        byte[] bytes = File.ReadAllBytes(path);
        string text = new UTF8Encoding(false, true).GetString(bytes); // throws on invalid UTF-8
        if (!text.EndsWith("||", StringComparison.Ordinal)) throw new FormatException($"{path}: does not end with ||");
        string body = text[..^2];
        if (!body.EndsWith('~')) throw new FormatException($"{path}: last record does not end with ~");
        var records = new List<string[]>();
        foreach (string record in body[..^1].Split('~'))
        {
            if (!record.EndsWith(';')) throw new FormatException($"{path}: a field does not end with ; in '{record}'");
            records.Add(record[..^1].Split(';'));
        }
        var header = records[0];
        if (header.Length != 3) throw new FormatException($"{path}: header has {header.Length} fields, not 3");
        if (header[0] != m.Groups[1].Value) throw new FormatException($"{path}: header mine code {header[0]} differs from the name's");
        return new Mtt1201File
        {
            MineCode = m.Groups[1].Value,
            Type = m.Groups[2].Value,
            NameTime = DateTime.ParseExact(m.Groups[3].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            Header = header,
            Records = records.Skip(1).ToList(),
        };
    }

    public static DateTime Time(string field) => DateTime.ParseExact(field, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
