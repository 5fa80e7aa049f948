using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qinshui.Edge.Tests.Texts;

/// <summary>
/// Finds English left in Chinese output: every ASCII word of three letters or more that is not an
/// identifier of the scenario (ids of channels, sensors, relays, zones, cards, permits, profiles),
/// a unit, a standard's name or an abbreviation Chinese technical text uses as is. Author text of
/// the scenario file (its name, description, expectation descriptions, notes) is taken out first:
/// the tool cannot translate what a person wrote.
/// </summary>
public sealed partial class EnglishWordFinder
{
    /// <summary>Units, protocols and abbreviations written in Latin letters in Chinese safety texts too.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "ppm", "LEL", "vol", "min", "mA", "MQTT", "MQTTnet", "Modbus", "STEL", "TWA", "NAMUR", "CRC", "GBZ", "HMAC", "SHA",
    };

    /// <summary>Keys whose values are the tool's vocabulary (translated), never identifiers.</summary>
    private static readonly HashSet<string> VocabularyKeys = new(StringComparer.Ordinal)
    {
        "action", "mode", "is", "kind", "check", "event", "code", "reason", "property", "interface", "direction", "source",
        "messageKind", "level", "quality", "state", "cmd", "command", "unit", "at", "for", "over", "within", "by", "from", "until", "step", "duration",
    };

    private static readonly HashSet<string> AuthorKeys = new(StringComparer.Ordinal) { "name", "description", "text" };

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _authorText = new();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9_.\-/]*")]
    private static partial Regex Token();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Word();

    public void AddScenario(JsonElement root) => Walk(root, "");

    public void AddId(string id)
    {
        if (id.Length > 0) _ids.Add(id);
    }

    public void AddAuthorText(string text)
    {
        if (text.Length > 0) _authorText.Add(text);
    }

    /// <summary>The English words of one line (empty when the line is all Chinese, ids, units and numbers).</summary>
    public IReadOnlyList<string> Find(string line)
    {
        foreach (var a in _authorText.OrderByDescending(a => a.Length)) line = line.Replace(a, " ", StringComparison.Ordinal);
        var found = new List<string>();
        foreach (Match t in Token().Matches(line))
        {
            string token = t.Value.TrimEnd('.', '-', '/');
            if (_ids.Contains(token) || IsPathOfIds(token)) continue;
            foreach (Match w in Word().Matches(token))
            {
                if (!Allowed.Contains(w.Value)) found.Add(token);
            }
        }
        return found;
    }

    private bool IsPathOfIds(string token) => token.Contains('.') && token.Split('.').All(p => p.Length == 0 || _ids.Contains(p) || !Word().IsMatch(p));

    private void Walk(JsonElement e, string key)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, p.Name);
                }
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) Walk(x, key);
                break;
            case JsonValueKind.String:
                string s = e.GetString()!;
                if (AuthorKeys.Contains(key) && s.Contains(' ')) AddAuthorText(s);
                else if (!VocabularyKeys.Contains(key) && !s.Contains(' ')) AddId(s);
                break;
        }
    }
}
