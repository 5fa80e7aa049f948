using System.Collections;
using Qinshui.Edge.Core.Config;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>`qedge config show FILE` and `config diff OLD NEW`: the effective configuration, and what changes between two.</summary>
public static class ConfigShow
{
    /// <summary>Prints the configuration as the device describes it at start-up.</summary>
    public static ToolOutcome Show(string file, TextWriter stdout, TextWriter stderr)
    {
        var config = LoadOrReport(file, stderr);
        if (config == null) return ToolOutcome.Failed;
        var lines = new ArrayList();
        ConfigDescriber.Describe(config, lines);
        foreach (var l in lines) stdout.WriteLine(l);
        return ToolOutcome.Ok;
    }

    /// <summary>Prints every effective setting that differs: - removed, + added, ~ changed.</summary>
    public static ToolOutcome Diff(string oldFile, string newFile, TextWriter stdout, TextWriter stderr)
    {
        var a = LoadOrReport(oldFile, stderr);
        var b = LoadOrReport(newFile, stderr);
        if (a == null || b == null) return ToolOutcome.Failed;
        var oldMap = EffectiveConfig.Flatten(a);
        var newMap = EffectiveConfig.Flatten(b);
        int changes = 0;
        foreach (var key in oldMap.Keys.Union(newMap.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            bool inOld = oldMap.TryGetValue(key, out var ov);
            bool inNew = newMap.TryGetValue(key, out var nv);
            if (inOld && inNew && ov == nv) continue;
            changes++;
            if (!inNew) stdout.WriteLine($"- {key} = {ov}");
            else if (!inOld) stdout.WriteLine($"+ {key} = {nv}");
            else stdout.WriteLine($"~ {key}: {ov} -> {nv}");
        }
        if (changes == 0) stdout.WriteLine("no effective differences");
        return ToolOutcome.Ok;
    }

    private static GatewayConfig? LoadOrReport(string file, TextWriter stderr)
    {
        var r = ConfigFiles.Load(file);
        if (r.Config != null) return r.Config;
        foreach (var e in ConfigFiles.All(r.Errors)) stderr.WriteLine($"{file}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{e.English}");
        return null;
    }
}
