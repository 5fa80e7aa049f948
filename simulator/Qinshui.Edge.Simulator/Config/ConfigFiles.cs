using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Simulator.Config;

/// <summary>Loads configuration files for the desktop tool with the core's reader (the same code as the device).</summary>
public static class ConfigFiles
{
    /// <param name="Bytes">What the device receives: the file after unit normalisation.</param>
    public sealed record Loaded(string File, byte[] Bytes, GatewayConfig? Config, ValidationErrors Errors, IReadOnlyList<UnitNormaliser.Conversion> Conversions);

    public static Loaded Load(string file)
    {
        var errors = new ValidationErrors();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Error("", "file_unreadable", $"cannot read {file}: {e.Message}", $"无法读取 {file}：{e.Message}");
            return new Loaded(file, [], null, errors, []);
        }
        var normalised = UnitNormaliser.Normalise(bytes);
        foreach (var (path, reason) in normalised.Errors) errors.Error(path, "unit_conversion", reason, "单位换算失败：" + reason);
        if (normalised.Errors.Count > 0) return new Loaded(file, bytes, null, errors, normalised.Conversions);
        bytes = normalised.Bytes;
        var config = GatewayConfigReader.Read(bytes, 0, bytes.Length, errors);
        return new Loaded(file, bytes, config, errors, normalised.Conversions);
    }

    public static IEnumerable<ValidationError> All(ValidationErrors errors)
    {
        for (int i = 0; i < errors.Count; i++) yield return errors[i];
    }
}
