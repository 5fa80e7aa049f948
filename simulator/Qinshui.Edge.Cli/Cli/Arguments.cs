using System.Globalization;

namespace Qinshui.Edge.Cli;

/// <summary>
/// A small, strict option parser. The command names its boolean flags and its valued options
/// (--name value or --name=value); other words are positional. Unknown options are an error:
/// a typo must not silently change what a technician's command does.
/// </summary>
public sealed class Arguments
{
    private readonly List<string> _positional = new();
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args, string[] flags, string[] options)
    {
        var flagSet = new HashSet<string>(flags, StringComparer.Ordinal);
        var optionSet = new HashSet<string>(options, StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                _positional.Add(a);
                continue;
            }
            string name = a;
            string? value = null;
            int eq = a.IndexOf('=');
            if (eq > 0) name = a[..eq];
            if (!flagSet.Contains(name) && !optionSet.Contains(name)) throw new UsageException($"unknown option {name}");
            if (eq > 0)
            {
                value = a[(eq + 1)..];
                if (flagSet.Contains(name)) throw new UsageException($"option {name} takes no value");
            }
            else if (!flagSet.Contains(name))
            {
                if (i + 1 >= args.Count) throw new UsageException($"option {name} needs a value");
                value = args[++i];
            }
            if (_options.ContainsKey(name)) throw new UsageException($"option {name} given twice");
            _options[name] = value;
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Flag(string name)
    {
        return _options.ContainsKey(name);
    }

    public string? Value(string name)
    {
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    public string Required(string name) => Value(name) ?? throw new UsageException($"option {name} is required");

    public int Int(string name, int fallback, int min, int max)
    {
        string? v = Value(name);
        if (v == null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new UsageException($"option {name}: '{v}' is not a whole number from {min} to {max}");
        return n;
    }

    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        string? v = Value(name);
        if (v == null) return fallback;
        if (choices.TryGetValue(v, out var c)) return c;
        throw new UsageException($"option {name}: '{v}' is not one of {string.Join(", ", choices.Keys)}");
    }

    /// <summary>Rejects positional words where a command takes none.</summary>
    public void NoPositional()
    {
        if (_positional.Count > 0) throw new UsageException($"unexpected argument '{_positional[0]}'");
    }
}
