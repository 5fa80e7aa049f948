namespace Qinshui.Edge.Desktop.Config;

/// <summary>
/// The JSON schema of a gateway configuration (docs/schemas/gateway-config.schema.json), carried inside
/// the assembly so an installed tool can hand it to an editor without the repository: `qedge config schema`.
/// </summary>
public static class ConfigSchema
{
    public const string ResourceName = "schemas/gateway-config.schema.json";

    public static string Text()
    {
        using var s = typeof(ConfigSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(ResourceName + " is not embedded in " + typeof(ConfigSchema).Assembly.GetName().Name);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
