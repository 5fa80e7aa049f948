namespace Qinshui.Edge.Cli;

/// <summary>zh or en: from --lang, else from LC_ALL/LC_MESSAGES/LANG (the process runs with invariant globalization).</summary>
public static class Language
{
    public static string Resolve(string? option)
    {
        if (option != null)
        {
            if (option is "zh" or "en") return option;
            throw new UsageException($"option --lang: '{option}' is not zh or en", $"选项 --lang：'{option}' 不是 zh 或 en");
        }
        foreach (var name in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            string? v = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(v)) return v.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";
        }
        return "en";
    }

    /// <summary>
    /// The language for help and usage errors, read before parsing (the tree is built in it):
    /// --lang zh|en or --lang=zh|en anywhere on the line, else the locale. A bad value falls back
    /// to the locale here; the parse then refuses it by name.
    /// </summary>
    public static string FromArguments(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string? v = args[i] == "--lang" && i + 1 < args.Count ? args[i + 1] : args[i].StartsWith("--lang=", StringComparison.Ordinal) ? args[i]["--lang=".Length..] : null;
            if (v is "zh" or "en") return v;
        }
        return Resolve(null);
    }
}
