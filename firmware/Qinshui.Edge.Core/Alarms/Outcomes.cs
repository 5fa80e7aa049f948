namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Why a reset was accepted or refused. Every refusal has a reason (safety principle 6).</summary>
    public enum ResetOutcome
    {
        Accepted = 0,
        UnknownChannel = 1,
        UnknownLevel = 2,
        NotLatching = 3,
        NothingToReset = 4,
        /// <summary>The condition that tripped the level still holds.</summary>
        ConditionPersists = 5,
        /// <summary>The channel's reading is bad or stale: a reset cannot be judged.</summary>
        ChannelFault = 6,
        RemoteResetNotAllowed = 7,
        /// <summary>The channel's reading is stuck (frozen sensor) and has not moved since: a person must look at the head.</summary>
        SensorStuck = 8,
    }

    public enum InhibitOutcome
    {
        Accepted = 0,
        UnknownChannel = 1,
        /// <summary>An inhibit must end by itself: the expiry must lie in the future.</summary>
        ExpiryMissing = 2,
        /// <summary>Longer than the channel's maximum inhibit.</summary>
        TooLong = 3,
    }

    public static class OutcomeText
    {
        public static string Code(ResetOutcome o)
        {
            switch (o)
            {
                case ResetOutcome.Accepted: return "accepted";
                case ResetOutcome.UnknownChannel: return "unknown_channel";
                case ResetOutcome.UnknownLevel: return "unknown_level";
                case ResetOutcome.NotLatching: return "not_latching";
                case ResetOutcome.NothingToReset: return "nothing_to_reset";
                case ResetOutcome.ConditionPersists: return "condition_persists";
                case ResetOutcome.ChannelFault: return "channel_fault";
                case ResetOutcome.RemoteResetNotAllowed: return "remote_reset_not_allowed";
                case ResetOutcome.SensorStuck: return "sensor_stuck";
                default: return "unknown";
            }
        }

        public static string English(ResetOutcome o)
        {
            switch (o)
            {
                case ResetOutcome.Accepted: return "Reset accepted.";
                case ResetOutcome.UnknownChannel: return "No such channel.";
                case ResetOutcome.UnknownLevel: return "No such level on this channel.";
                case ResetOutcome.NotLatching: return "This level does not latch; it clears by itself.";
                case ResetOutcome.NothingToReset: return "Nothing is latched on this channel.";
                case ResetOutcome.ConditionPersists: return "Refused: the condition that tripped the level still holds.";
                case ResetOutcome.ChannelFault: return "Refused: the channel's reading is bad or stale.";
                case ResetOutcome.RemoteResetNotAllowed: return "Refused: this site allows resets only at the gateway.";
                case ResetOutcome.SensorStuck: return "Refused: the sensor's reading is frozen and has not moved since; check the head.";
                default: return "Unknown outcome.";
            }
        }

        public static string Chinese(ResetOutcome o)
        {
            switch (o)
            {
                case ResetOutcome.Accepted: return "复位已接受。";
                case ResetOutcome.UnknownChannel: return "通道不存在。";
                case ResetOutcome.UnknownLevel: return "该通道没有此报警级别。";
                case ResetOutcome.NotLatching: return "该级别不锁存，条件消除后自动恢复。";
                case ResetOutcome.NothingToReset: return "该通道没有锁存的报警。";
                case ResetOutcome.ConditionPersists: return "拒绝：触发该级别的条件仍然存在。";
                case ResetOutcome.ChannelFault: return "拒绝：该通道数据故障或过期。";
                case ResetOutcome.RemoteResetNotAllowed: return "拒绝：本现场只允许在网关处就地复位。";
                case ResetOutcome.SensorStuck: return "拒绝：传感器读数冻结且此后未变化，请检查探头。";
                default: return "未知结果。";
            }
        }

        public static string Code(InhibitOutcome o)
        {
            switch (o)
            {
                case InhibitOutcome.Accepted: return "accepted";
                case InhibitOutcome.UnknownChannel: return "unknown_channel";
                case InhibitOutcome.ExpiryMissing: return "expiry_missing";
                case InhibitOutcome.TooLong: return "inhibit_too_long";
                default: return "unknown";
            }
        }
    }
}
