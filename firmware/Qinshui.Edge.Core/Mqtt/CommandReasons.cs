namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>Reason codes of command replies, with English and Chinese text (docs/mqtt.md, "Commands").</summary>
    public static class CommandReasons
    {
        public const string Ok = "ok";
        public const string Oversized = "oversized";
        public const string Unauthenticated = "unauthenticated";
        public const string Malformed = "malformed";
        public const string WrongGateway = "wrong_gateway";
        public const string Expired = "expired";
        public const string ExpiryTooFar = "expiry_too_far";
        public const string Replayed = "replayed";
        public const string ClockUntrusted = "clock_untrusted";
        public const string UnknownCommand = "unknown_command";
        public const string BadArguments = "bad_args";
        public const string UnknownZone = "unknown_zone";
        public const string UnknownChannel = "unknown_channel";
        public const string NotSupported = "not_supported";
        public const string RemoteResetNotAllowed = "remote_reset_not_allowed";
        public const string CausePersists = "cause_persists";
        public const string Refused = "refused";
        public const string InhibitTooLong = "inhibit_too_long";
        public const string TimeRejected = "time_rejected";
        public const string CounterTooFar = "counter_too_far";
        public const string StateNotSaved = "state_not_saved";

        private static readonly string[] s_codes =
        {
            Ok, Oversized, Unauthenticated, Malformed, WrongGateway, Expired, ExpiryTooFar, Replayed, ClockUntrusted,
            UnknownCommand, BadArguments, UnknownZone, UnknownChannel, NotSupported, RemoteResetNotAllowed,
            CausePersists, Refused, InhibitTooLong, TimeRejected, CounterTooFar, StateNotSaved,
        };

        private static readonly string[] s_en =
        {
            "done",
            "command larger than 4096 bytes",
            "missing or wrong message authentication code (HMAC-SHA256)",
            "command is not a valid envelope (see docs/mqtt.md)",
            "command is addressed to another gateway",
            "command has expired",
            "command expiry lies too far in the future (at most 10 minutes)",
            "counter not greater than the last accepted one: replayed command",
            "the gateway clock is not trusted: expiry cannot be checked; only trip, rebirth and set_time are accepted",
            "unknown command",
            "command arguments are missing or invalid",
            "unknown zone",
            "unknown channel",
            "this gateway has no handler for this command",
            "this zone may not be reset remotely; reset it at the gateway",
            "the cause of the trip is still present",
            "refused by the gateway",
            "inhibit longer than the channel allows",
            "time rejected",
            "counter more than 2^42 above the last accepted one: refused without consuming it",
            "the gateway could not save its command counter: refused before any effect",
        };

        private static readonly string[] s_zh =
        {
            "已执行",
            "命令超过 4096 字节",
            "缺少或错误的消息认证码（HMAC-SHA256）",
            "命令格式无效（见 docs/mqtt.md）",
            "命令发往其他网关",
            "命令已过期",
            "命令过期时间过远（最多 10 分钟）",
            "计数器未大于上次接受的值：重放的命令",
            "网关时钟不可信，无法检查过期时间；仅接受停机、重新上线和校时命令",
            "未知命令",
            "命令参数缺失或无效",
            "未知区域",
            "未知通道",
            "本网关没有处理此命令的功能",
            "该区域不允许远程复位，请在网关现场复位",
            "停机原因仍然存在",
            "网关拒绝执行",
            "屏蔽时间超过该通道允许的上限",
            "时间被拒绝",
            "计数器比上次接受的值大 2^42 以上：拒绝且不消耗计数器",
            "网关无法保存命令计数器：在执行前拒绝",
        };

        public static int Count { get { return s_codes.Length; } }
        public static string CodeAt(int i) { return s_codes[i]; }

        private static int IndexOf(string code)
        {
            for (int i = 0; i < s_codes.Length; i++) if (s_codes[i] == code) return i;
            return -1;
        }

        public static string English(string code)
        {
            int i = IndexOf(code);
            return i < 0 ? s_en[16] : s_en[i];
        }

        public static string Chinese(string code)
        {
            int i = IndexOf(code);
            return i < 0 ? s_zh[16] : s_zh[i];
        }
    }
}
