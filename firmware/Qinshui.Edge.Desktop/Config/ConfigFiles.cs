using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>Loads configuration files for the desktop tool with the core's reader (the same code as the device).</summary>
public static class ConfigFiles
{
    /// <param name="Bytes">What the device receives: the file after unit normalisation, with the catalogue profiles its buses name inlined.</param>
    public sealed record Loaded(string File, byte[] Bytes, GatewayConfig? Config, ValidationErrors Errors, IReadOnlyList<UnitNormaliser.Conversion> Conversions)
    {
        /// <summary>Catalogue profiles (hardware/devices) copied into deviceProfiles.</summary>
        public IReadOnlyList<string> InlinedProfiles { get; init; } = [];
    }

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
        return LoadBytes(file, bytes);
    }

    /// <summary>Validates file contents already in memory: units normalised, then <see cref="Check"/>.</summary>
    public static Loaded LoadBytes(string file, byte[] bytes)
    {
        var errors = new ValidationErrors();
        var normalised = UnitNormaliser.Normalise(bytes);
        foreach (var (path, reason) in normalised.Errors) errors.Error(path, "unit_conversion", reason, "单位换算失败：" + reason);
        if (normalised.Errors.Count == 0) return Check(file, normalised.Bytes, errors, normalised.Conversions);
        // The later stages still run (every independent mistake in one run, issue 18); a value that
        // could not be converted stays text, which the reader would report again at the same place.
        var later = new ValidationErrors();
        var checkedLater = Check(file, normalised.Bytes, later, normalised.Conversions);
        var failed = normalised.Errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var e in All(later).Where(e => !failed.Contains(e.Path)))
        {
            if (e.IsWarning) errors.Warning(e.Path, e.Code, e.English, e.Chinese);
            else errors.Error(e.Path, e.Code, e.English, e.Chinese);
        }
        return new Loaded(file, bytes, null, errors, normalised.Conversions) { InlinedProfiles = checkedLater.InlinedProfiles };
    }

    /// <summary>
    /// Validates bytes as the device will, through the core's ConfigPipeline: profiles inlined, read
    /// against the catalogue, then (with a board) every pin checked against the board's ESP32 rules.
    /// </summary>
    public static Loaded Check(string file, byte[] bytes, ValidationErrors errors, IReadOnlyList<UnitNormaliser.Conversion> conversions)
    {
        var inlined = ProfileInliner.Inline(bytes, HardwareCatalog.ProfileJson);
        bytes = inlined.Bytes;
        var config = ConfigPipeline.ReadForReport(bytes, 0, bytes.Length, HardwareCatalog.Profiles, errors, out bool boardStageSound);
        if (config != null && boardStageSound)
        {
            BoardPinMap? board = null;
            if (config.Board.Length > 0)
            {
                board = HardwareCatalog.Board(config.Board, errors);
            }
            else if (config.PinIds.Length > 0)
            {
                errors.Warning("pins", "pins_without_board", "\"pins\" is only checked when \"board\" names a board", "只有设置了 \"board\" 才会检查 \"pins\"");
            }
            ConfigPipeline.CheckBoardAndHost(config, board, null, errors);
        }
        if (errors.HasErrors) config = null;
        return new Loaded(file, bytes, config, errors, conversions) { InlinedProfiles = inlined.Inlined };
    }

    public static IEnumerable<ValidationError> All(ValidationErrors errors)
    {
        for (int i = 0; i < errors.Count; i++) yield return errors[i];
    }
}
