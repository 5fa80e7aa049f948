using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Simulator.Texts;

/// <summary>
/// Why a zone or output is off, as the simulator's view carries it ("channel_above_limit:ch4-face",
/// "latched:boot", "power_off"), in words. The wording of each cause is the core's own table
/// (Conditions.English / Conditions.Chinese), so the gateway's payloads and the tools agree.
/// </summary>
public static class CauseText
{
    public const string PowerOff = "power_off";
    private const string LatchedPrefix = "latched:";

    /// <summary>The cause kind named by a condition code, if any.</summary>
    public static bool TryKind(string code, out ConditionKind kind)
    {
        for (int k = 0; k < Conditions.Count; k++)
        {
            if (Conditions.Code((ConditionKind)k) == code)
            {
                kind = (ConditionKind)k;
                return true;
            }
        }
        kind = ConditionKind.ChannelFault;
        return false;
    }

    /// <summary>A cause string in words; the raw string when it is no known cause (never a blank).</summary>
    public static LocalText Describe(string cause)
    {
        if (cause.Length == 0) return LocalText.Empty;
        if (cause == PowerOff) return new("gateway has no power", "网关停电");
        if (cause.StartsWith(LatchedPrefix, StringComparison.Ordinal))
        {
            string code = cause[LatchedPrefix.Length..];
            return TryKind(code, out var k)
                ? new($"latched: {Conditions.English(k)}{(Conditions.English(k).Contains("reset") ? "" : ", awaiting reset")}",
                    $"已闭锁：{Conditions.Chinese(k)}{(Conditions.Chinese(k).Contains("复位") ? "" : "，待复位")}")
                : LocalText.Same(cause);
        }
        int colon = cause.IndexOf(':');
        string kindCode = colon > 0 ? cause[..colon] : cause;
        string subject = colon > 0 ? cause[(colon + 1)..] : "";
        if (!TryKind(kindCode, out var kind)) return LocalText.Same(cause);
        // The platform link's subject is the word "platform", not an id: the Chinese cause already says 平台.
        return subject.Length == 0 || subject == "platform"
            ? new(subject.Length == 0 ? Conditions.English(kind) : $"{Conditions.English(kind)} ({subject})", Conditions.Chinese(kind))
            : new($"{Conditions.English(kind)} ({subject})", $"{Conditions.Chinese(kind)}（{subject}）");
    }
}
