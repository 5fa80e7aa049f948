using System.Text;
using Qinshui.Edge.Core.Config;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>What `qedge config sign` asks for. IssuedUtcMs null: now. Out null: the envelope goes to stdout.</summary>
public sealed record ConfigSignOptions(string File, byte[] Key, long Counter, string? Out, long? IssuedUtcMs);

/// <summary>Signs a valid configuration (profiles inlined) into the envelope the device's ConfigSelection reads; an invalid one is refused.</summary>
public static class ConfigSign
{
    public static ToolOutcome Run(ConfigSignOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var loaded = ConfigFiles.Load(o.File);
        if (loaded.Config == null)
        {
            foreach (var e in ConfigFiles.All(loaded.Errors)) stderr.WriteLine($"{loaded.File}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{e.English}");
            stderr.WriteLine("qedge config sign: refusing to sign an invalid configuration");
            return ToolOutcome.Failed;
        }
        long issued = o.IssuedUtcMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (body, hash) = Qinshui.Edge.Desktop.Platform.ConfigPush.SignedBody(loaded.Bytes);
        byte[] envelope = SignedEnvelope.Sign("config", body, loaded.Config.GatewayId, o.Counter, issued, o.Key);
        if (o.Out != null)
        {
            System.IO.File.WriteAllBytes(o.Out, envelope);
            stdout.WriteLine($"signed {loaded.File} for gateway {loaded.Config.GatewayId} (counter {o.Counter}, sha256 {hash}) -> {o.Out}");
            if (loaded.InlinedProfiles.Count > 0) stdout.WriteLine($"inlined device profiles from hardware/devices: {string.Join(", ", loaded.InlinedProfiles)}");
        }
        else
        {
            stdout.WriteLine(Encoding.UTF8.GetString(envelope));
        }
        return ToolOutcome.Ok;
    }
}
