using Qinshui.Edge.Desktop;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>Keys on the command line: hex, or @FILE holding hex (keeps keys out of shell history).</summary>
public static class KeyMaterial
{
    public static byte[] Parse(string value)
    {
        string hex = value;
        if (value.StartsWith('@'))
        {
            string file = value[1..];
            if (!File.Exists(file)) throw new UsageException($"key file '{file}' not found");
            hex = File.ReadAllText(file).Trim();
        }
        byte[]? key = Qinshui.Edge.Core.Util.Hex.Decode(hex);
        if (key == null || key.Length < 16) throw new UsageException("a key must be at least 16 bytes written as hex (32+ hex digits)");
        return key;
    }
}
