namespace Qinshui.Edge.Tests.Tools;

internal static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Qinshui.Edge.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static readonly Lazy<global::Json.Schema.JsonSchema> s_schema = new(() =>
        global::Json.Schema.JsonSchema.FromText(File.ReadAllText(Path("docs", "schemas", "gateway-config.schema.json"))));

    /// <summary>docs/schemas/gateway-config.schema.json, loaded once (JsonSchema.Net registers a schema by its $id).</summary>
    public static global::Json.Schema.JsonSchema Schema => s_schema.Value;

    public static string[] Examples => Directory.GetFiles(Path("hardware", "examples"), "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
}
