using System.CommandLine;
using System.Globalization;

namespace Qinshui.Edge.Cli;

/// <summary>
/// Reads a parsed command line into the values a library's options record needs, with the
/// checks the tool always made (ranges, choices, required options); every refusal is a
/// <see cref="UsageException"/> that names the option, in English and Chinese (exit 2).
/// </summary>
public sealed class Bind(ParseResult result)
{
    public ParseResult Result => result;

    public bool Flag(Option<bool> option) => result.GetValue(option);

    public string? Value(Option<string> option) => result.GetValue(option);

    public string Required(Option<string> option) => Value(option)
        ?? throw new UsageException($"option {option.Name} is required", $"缺少必需的选项 {option.Name}");

    public int Int(Option<string> option, int fallback, int min, int max)
    {
        string? v = Value(option);
        if (v == null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new UsageException($"option {option.Name}: '{v}' is not a whole number from {min} to {max}", $"选项 {option.Name}：'{v}' 不是 {min} 到 {max} 之间的整数");
        return n;
    }

    public long? Long(Option<string> option)
    {
        string? v = Value(option);
        if (v == null) return null;
        if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
            throw new UsageException($"option {option.Name}: '{v}' is not a whole number", $"选项 {option.Name}：'{v}' 不是整数");
        return n;
    }

    public T Choice<T>(Option<string> option, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        string? v = Value(option);
        if (v == null) return fallback;
        if (choices.TryGetValue(v, out var c)) return c;
        throw new UsageException($"option {option.Name}: '{v}' is not one of {string.Join(", ", choices.Keys)}", $"选项 {option.Name}：'{v}' 不是 {string.Join("、", choices.Keys)} 之一");
    }

    /// <summary>The positional words; an unknown option among them (the parser hands unknown --words to a list argument) is refused by name.</summary>
    public IReadOnlyList<string> Words(Argument<string[]> argument)
    {
        var words = result.GetValue(argument) ?? [];
        foreach (var w in words)
        {
            if (w.Length > 1 && w[0] == '-') throw new UsageException($"unknown option {w}", $"未知选项 {w}");
        }
        return words;
    }

    /// <summary>The language of the run: --lang, else the system locale.</summary>
    public string Lang(Option<string> option) => Language.Resolve(Value(option));
}
