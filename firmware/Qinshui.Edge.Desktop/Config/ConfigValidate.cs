using System.Text.Json;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>What `qedge config validate` asks for: the files, JSON output or text in zh/en.</summary>
public sealed record ConfigValidateOptions(IReadOnlyList<string> Files, bool Json, string Lang);

/// <summary>Checks each file with the device's own validator and prints every error and warning with its path.</summary>
public static class ConfigValidate
{
    public static ToolOutcome Run(ConfigValidateOptions o, TextWriter stdout, CancellationToken cancel = default)
    {
        var results = o.Files.Select(ConfigFiles.Load).ToList();
        if (o.Json) WriteJson(results, stdout);
        else WriteText(results, stdout, o.Lang);
        return results.All(r => !r.Errors.HasErrors) ? ToolOutcome.Ok : ToolOutcome.Failed;
    }

    private static void WriteJson(List<ConfigFiles.Loaded> results, TextWriter stdout)
    {
        var doc = results.Select(r => new
        {
            file = r.File,
            valid = !r.Errors.HasErrors,
            configHash = r.Config?.Hash,
            conversions = r.Conversions.Select(c => new { path = c.Path, written = c.Written, converted = c.Converted }),
            errors = ConfigFiles.All(r.Errors).Select(e => new { path = e.Path, code = e.Code, warning = e.IsWarning, message = e.English, messageZh = e.Chinese }),
        });
        stdout.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static void WriteText(List<ConfigFiles.Loaded> results, TextWriter stdout, string lang)
    {
        foreach (var r in results)
        {
            foreach (var c in r.Conversions)
                stdout.WriteLine($"{r.File}: {c.Path}: {c.Written} = {c.Converted}");
            foreach (var e in ConfigFiles.All(r.Errors))
            {
                string kind = e.IsWarning ? (lang == "zh" ? "警告" : "warning") : (lang == "zh" ? "错误" : "error");
                stdout.WriteLine($"{r.File}: {kind}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{(lang == "zh" ? e.Chinese : e.English)}");
            }
            if (!r.Errors.HasErrors) stdout.WriteLine(lang == "zh" ? $"{r.File}: 有效 (sha256 {r.Config!.Hash})" : $"{r.File}: valid (sha256 {r.Config!.Hash})");
        }
    }
}
