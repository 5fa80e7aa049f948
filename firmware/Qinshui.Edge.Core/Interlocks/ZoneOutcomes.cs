namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>Why a zone reset was accepted or refused (safety principle 6: every refusal says why).</summary>
    public enum ZoneResetOutcome
    {
        Accepted = 0,
        UnknownZone = 1,
        /// <summary>The zone is not tripped.</summary>
        NothingToReset = 2,
        /// <summary>A condition of the zone still fails.</summary>
        CausePersists = 3,
        /// <summary>Every cause cleared, but not for the settle time yet.</summary>
        SettleTimeRunning = 4,
        /// <summary>The zone's configuration does not allow a reset from the platform.</summary>
        RemoteResetNotAllowed = 5,
        /// <summary>The trip involved an E-stop, feedback fault, bypass, tamper or proof test: someone must reset at the gateway.</summary>
        LocalResetRequired = 6,
        ProofTestRunning = 7,
        /// <summary>The interlock configuration is invalid: nothing can be reset.</summary>
        ConfigInvalid = 8,
    }

    public enum ProofTestOutcome
    {
        Accepted = 0,
        UnknownZone = 1,
        /// <summary>The zone must be permitted (outputs on) for its cut to be proven.</summary>
        NotPermitted = 2,
        /// <summary>No output of the zone has a feedback input: the cut cannot be confirmed.</summary>
        NoFeedback = 3,
        AlreadyRunning = 4,
        ConfigInvalid = 5,
    }

    public static class ZoneOutcomeText
    {
        public static string Code(ZoneResetOutcome o)
        {
            switch (o)
            {
                case ZoneResetOutcome.Accepted: return "accepted";
                case ZoneResetOutcome.UnknownZone: return "unknown_zone";
                case ZoneResetOutcome.NothingToReset: return "nothing_to_reset";
                case ZoneResetOutcome.CausePersists: return "cause_persists";
                case ZoneResetOutcome.SettleTimeRunning: return "settle_time_running";
                case ZoneResetOutcome.RemoteResetNotAllowed: return "remote_reset_not_allowed";
                case ZoneResetOutcome.LocalResetRequired: return "local_reset_required";
                case ZoneResetOutcome.ProofTestRunning: return "proof_test_running";
                case ZoneResetOutcome.ConfigInvalid: return "config_invalid";
                default: return "unknown";
            }
        }

        public static string English(ZoneResetOutcome o)
        {
            switch (o)
            {
                case ZoneResetOutcome.Accepted: return "Reset accepted: the zone is permitted.";
                case ZoneResetOutcome.UnknownZone: return "No such zone.";
                case ZoneResetOutcome.NothingToReset: return "The zone is not tripped.";
                case ZoneResetOutcome.CausePersists: return "Refused: a cause of the trip persists.";
                case ZoneResetOutcome.SettleTimeRunning: return "Refused: the causes have not been clear for the settle time yet.";
                case ZoneResetOutcome.RemoteResetNotAllowed: return "Refused: this zone allows resets only at the gateway.";
                case ZoneResetOutcome.LocalResetRequired: return "Refused: this trip (E-stop, fault, bypass, tamper or proof test) must be reset at the gateway.";
                case ZoneResetOutcome.ProofTestRunning: return "Refused: a proof test is running.";
                case ZoneResetOutcome.ConfigInvalid: return "Refused: the interlock configuration is invalid.";
                default: return "Unknown outcome.";
            }
        }

        public static string Chinese(ZoneResetOutcome o)
        {
            switch (o)
            {
                case ZoneResetOutcome.Accepted: return "复位已接受：区域已许可。";
                case ZoneResetOutcome.UnknownZone: return "区域不存在。";
                case ZoneResetOutcome.NothingToReset: return "该区域未断电。";
                case ZoneResetOutcome.CausePersists: return "拒绝：断电原因仍然存在。";
                case ZoneResetOutcome.SettleTimeRunning: return "拒绝：原因消除后尚未达到稳定时间。";
                case ZoneResetOutcome.RemoteResetNotAllowed: return "拒绝：该区域只允许在网关处就地复位。";
                case ZoneResetOutcome.LocalResetRequired: return "拒绝：此次断电（急停、故障、旁路、破坏或联锁试验）必须在网关处就地复位。";
                case ZoneResetOutcome.ProofTestRunning: return "拒绝：联锁试验正在进行。";
                case ZoneResetOutcome.ConfigInvalid: return "拒绝：联锁配置无效。";
                default: return "未知结果。";
            }
        }

        public static string Code(ProofTestOutcome o)
        {
            switch (o)
            {
                case ProofTestOutcome.Accepted: return "accepted";
                case ProofTestOutcome.UnknownZone: return "unknown_zone";
                case ProofTestOutcome.NotPermitted: return "not_permitted";
                case ProofTestOutcome.NoFeedback: return "no_feedback";
                case ProofTestOutcome.AlreadyRunning: return "already_running";
                case ProofTestOutcome.ConfigInvalid: return "config_invalid";
                default: return "unknown";
            }
        }

        public static string English(ProofTestOutcome o)
        {
            switch (o)
            {
                case ProofTestOutcome.Accepted: return "Proof test started.";
                case ProofTestOutcome.UnknownZone: return "No such zone.";
                case ProofTestOutcome.NotPermitted: return "Refused: the zone must be permitted for its cut to be proven.";
                case ProofTestOutcome.NoFeedback: return "Refused: no output of the zone has feedback to confirm the cut.";
                case ProofTestOutcome.AlreadyRunning: return "Refused: a proof test is already running.";
                case ProofTestOutcome.ConfigInvalid: return "Refused: the interlock configuration is invalid.";
                default: return "Unknown outcome.";
            }
        }

        public static string Chinese(ProofTestOutcome o)
        {
            switch (o)
            {
                case ProofTestOutcome.Accepted: return "联锁试验已开始。";
                case ProofTestOutcome.UnknownZone: return "区域不存在。";
                case ProofTestOutcome.NotPermitted: return "拒绝：区域须处于许可状态才能验证断电。";
                case ProofTestOutcome.NoFeedback: return "拒绝：该区域输出没有反馈，无法确认断电。";
                case ProofTestOutcome.AlreadyRunning: return "拒绝：联锁试验已在进行。";
                case ProofTestOutcome.ConfigInvalid: return "拒绝：联锁配置无效。";
                default: return "未知结果。";
            }
        }
    }
}
