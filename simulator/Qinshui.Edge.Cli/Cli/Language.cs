namespace Qinshui.Edge.Cli;

/// <summary>zh or en: from --lang, else from LC_ALL/LC_MESSAGES/LANG (the process runs with invariant globalization).</summary>
public static class Language
{
    public static string Resolve(string? option)
    {
        if (option != null)
        {
            if (option is "zh" or "en") return option;
            throw new UsageException($"option --lang: '{option}' is not zh or en");
        }
        foreach (var name in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            string? v = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(v)) return v.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";
        }
        return "en";
    }
}
