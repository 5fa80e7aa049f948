using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Reads a channel's "stuck" member (issue 13 #2): <c>{"windowMs": n, "minVariation": x}</c> tightens or,
    /// for a channel without a profile, switches on the frozen-sensor diagnostic; <c>{"off": "reason"}</c>
    /// switches it off, only with a written reason (Validation.ChannelValidator shows it as a warning and
    /// refuses a window looser than the profile family's default).
    /// </summary>
    public static class StuckConfigReader
    {
        private static readonly string[] s_members = { "windowMs", "minVariation", "off" };

        /// <summary>The shortest reason accepted for switching the diagnostic off: a sentence, not a token.</summary>
        public const int MinReasonLength = 10;

        public static void Read(JsonValue channel, string path, ConfigReader r, ChannelConfig c)
        {
            JsonValue v = r.Object(channel, "stuck", path, false);
            if (v == null) return;
            string sp = ConfigReader.Join(path, "stuck");
            r.RejectUnknown(v, sp, s_members);
            string reason = r.String(v, "off", sp, false, null);
            if (reason != null)
            {
                if (v.Has("windowMs") || v.Has("minVariation"))
                {
                    r.Errors.Error(sp, "stuck_off_with_settings", "stuck: either \"off\" with a reason or windowMs/minVariation, not both",
                        "stuck：只能写 \"off\"（附理由）或 windowMs/minVariation，不能同时写");
                    return;
                }
                if (reason.Trim().Length < MinReasonLength)
                {
                    r.Errors.Error(ConfigReader.Join(sp, "off"), "stuck_off_reason_missing",
                        "switching the frozen-sensor check off needs a written reason (at least " + MinReasonLength + " characters)",
                        "关闭传感器冻结检测必须写明理由（至少 " + MinReasonLength + " 个字符）");
                    return;
                }
                c.StuckWindowMs = 0;
                c.StuckOffReason = reason;
                return;
            }
            c.StuckWindowMs = r.Int(v, "windowMs", sp, c.StuckWindowMs <= 0, c.StuckWindowMs, 60000, 24 * 3600000);
            double min = r.Number(v, "minVariation", sp, c.StuckMinVariation <= 0, c.StuckMinVariation);
            if (!(min > 0))
            {
                r.Errors.Error(ConfigReader.Join(sp, "minVariation"), "stuck_variation_invalid",
                    "minVariation must be above 0 (in the channel's unit)", "minVariation 必须大于 0（通道单位）");
                return;
            }
            c.StuckMinVariation = min;
        }
    }
}
