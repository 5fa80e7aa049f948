using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Qinshui.Edge.Web;

/// <summary>The page's files, embedded in this assembly (wwwroot/*): served as they are, nothing from elsewhere.</summary>
internal sealed class PageAssets(string language)
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public IResult Result(string file)
    {
        string ext = Path.GetExtension(file);
        if (!s_types.TryGetValue(ext, out var type)) return Results.NotFound();
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("wwwroot/" + file);
        if (stream == null) return Results.NotFound();
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd();
        // The language the tool was started with; the page can switch.
        if (file == "index.html") text = text.Replace("lang=\"en\"", $"lang=\"{(language == "zh" ? "zh" : "en")}\"", StringComparison.Ordinal);
        return Results.Text(text, type);
    }
}
