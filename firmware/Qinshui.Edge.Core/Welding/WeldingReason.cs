namespace Qinshui.Edge.Core.Welding
{
    /// <summary>Why a start was refused, a session stopped, a permit refused, or a warning raised.</summary>
    public enum WeldingReason
    {
        None = 0,
        // start refusals
        MachineUnreadable = 1,
        MachineUnregistered = 2,
        MachineIdentityChanged = 3,
        CardUnknown = 4,
        CertificateExpired = 5,
        WelderNotOnPermit = 6,
        NoValidPermit = 7,
        MachineNotOnPermit = 8,
        ClockUntrusted = 9,
        ZoneNotPermissive = 10,
        GasNotClear = 11,
        GasChannelFault = 12,
        GasAnalysisTooOld = 13,
        MachineOutsidePermitArea = 14,
        SessionAlreadyRunning = 15,
        MachineLockedSuspectedModification = 16,
        PermitGradeBelowSpecialPeriod = 17,
        // stops
        WelderEnded = 20,
        PermitExpired = 21,
        CardSwapped = 22,
        GasOverLimit = 23,
        ZoneTripped = 24,
        PermitCancelled = 25,
        // permit refusals
        PermitForged = 30,
        PermitReplayed = 31,
        PermitMalformed = 32,
        PermitForeignZone = 33,
        PermitAlreadyExpired = 34,
        PermitWrongGateway = 35,
        PermitLooserThanStandard = 36,
        PermitCombustibleUnmonitored = 37,
        // warnings
        SpecialPeriod = 40,
        CertificateNearExpiry = 41,
        SuspectedModifiedMachine = 42,
        StartOutsidePermitArea = 43,
        AbnormalOperation = 44,
        PermitExpiresSoon = 45,
        BypassSuspected = 46,
        StartFromRemoteScan = 47,
        MachineModificationCleared = 48,
        SpecialPeriodStarted = 49,
    }

    public static class WeldingReasonText
    {
        public static string Code(WeldingReason r)
        {
            switch (r)
            {
                case WeldingReason.None: return "none";
                case WeldingReason.MachineUnreadable: return "machine_unreadable";
                case WeldingReason.MachineUnregistered: return "machine_unregistered";
                case WeldingReason.MachineIdentityChanged: return "machine_identity_changed";
                case WeldingReason.CardUnknown: return "card_unknown";
                case WeldingReason.CertificateExpired: return "certificate_expired";
                case WeldingReason.WelderNotOnPermit: return "welder_not_on_permit";
                case WeldingReason.NoValidPermit: return "no_valid_permit";
                case WeldingReason.MachineNotOnPermit: return "machine_not_on_permit";
                case WeldingReason.ClockUntrusted: return "clock_untrusted";
                case WeldingReason.ZoneNotPermissive: return "zone_not_permissive";
                case WeldingReason.GasNotClear: return "gas_not_clear";
                case WeldingReason.GasChannelFault: return "gas_channel_fault";
                case WeldingReason.GasAnalysisTooOld: return "gas_analysis_too_old";
                case WeldingReason.MachineOutsidePermitArea: return "machine_outside_permit_area";
                case WeldingReason.SessionAlreadyRunning: return "session_already_running";
                case WeldingReason.MachineLockedSuspectedModification: return "machine_locked_suspected_modification";
                case WeldingReason.PermitGradeBelowSpecialPeriod: return "permit_grade_below_special_period";
                case WeldingReason.MachineModificationCleared: return "machine_modification_cleared";
                case WeldingReason.SpecialPeriodStarted: return "special_period_started";
                case WeldingReason.WelderEnded: return "welder_ended";
                case WeldingReason.PermitExpired: return "permit_expired";
                case WeldingReason.CardSwapped: return "card_swapped";
                case WeldingReason.GasOverLimit: return "gas_over_limit";
                case WeldingReason.ZoneTripped: return "zone_tripped";
                case WeldingReason.PermitCancelled: return "permit_cancelled";
                case WeldingReason.PermitForged: return "permit_forged";
                case WeldingReason.PermitReplayed: return "permit_replayed";
                case WeldingReason.PermitMalformed: return "permit_malformed";
                case WeldingReason.PermitForeignZone: return "permit_foreign_zone";
                case WeldingReason.PermitAlreadyExpired: return "permit_expired_on_arrival";
                case WeldingReason.PermitWrongGateway: return "permit_wrong_gateway";
                case WeldingReason.PermitLooserThanStandard: return "permit_looser_than_standard";
                case WeldingReason.PermitCombustibleUnmonitored: return "permit_combustible_gas_unmonitored";
                case WeldingReason.SpecialPeriod: return "special_period_hot_work";
                case WeldingReason.CertificateNearExpiry: return "certificate_near_expiry";
                case WeldingReason.SuspectedModifiedMachine: return "suspected_modified_machine";
                case WeldingReason.StartOutsidePermitArea: return "start_outside_permit_area";
                case WeldingReason.AbnormalOperation: return "abnormal_operation";
                case WeldingReason.PermitExpiresSoon: return "permit_expires_soon";
                case WeldingReason.BypassSuspected: return "bypass_suspected";
                case WeldingReason.StartFromRemoteScan: return "start_from_remote_scan";
                default: return "unknown";
            }
        }

        public static string English(WeldingReason r)
        {
            switch (r)
            {
                case WeldingReason.MachineUnreadable: return "The welding machine's identity chip cannot be read.";
                case WeldingReason.MachineUnregistered: return "The welding machine's code is not registered.";
                case WeldingReason.MachineIdentityChanged: return "The welding machine's code changed: a different or modified machine.";
                case WeldingReason.CardUnknown: return "The card belongs to no registered welder.";
                case WeldingReason.CertificateExpired: return "The welder's special-operations certificate has expired.";
                case WeldingReason.WelderNotOnPermit: return "The welder is not named on the hot-work permit.";
                case WeldingReason.NoValidPermit: return "No hot-work permit is valid now for this zone.";
                case WeldingReason.MachineNotOnPermit: return "The welding machine is not named on the permit.";
                case WeldingReason.ClockUntrusted: return "The gateway's clock is not trusted: time-window permits cannot be checked.";
                case WeldingReason.ZoneNotPermissive: return "The zone's interlock conditions do not hold (monitoring, gas, link or a latched trip).";
                case WeldingReason.GasNotClear: return "Gas has not been clear for the settle time.";
                case WeldingReason.GasChannelFault: return "A gas channel of the zone is faulty, stale or inhibited.";
                case WeldingReason.GasAnalysisTooOld: return "The gas analysis is older than 30 minutes, or work was interrupted over 60 minutes: a new analysis is needed.";
                case WeldingReason.MachineOutsidePermitArea: return "The machine is registered to another area than the permit's zone.";
                case WeldingReason.SessionAlreadyRunning: return "A session is already running on this machine.";
                case WeldingReason.MachineLockedSuspectedModification: return "The machine is locked as suspected of modification until a safety officer clears it at the station.";
                case WeldingReason.PermitGradeBelowSpecialPeriod: return "Special period: hot work is one grade higher (GB 30871-2022); the permit's grade is too low.";
                case WeldingReason.MachineModificationCleared: return "A safety officer cleared the machine suspected of modification.";
                case WeldingReason.SpecialPeriodStarted: return "A special period started during the session: hot work re-judged one grade higher.";
                case WeldingReason.WelderEnded: return "The welder ended the session.";
                case WeldingReason.PermitExpired: return "The permit's time window ended.";
                case WeldingReason.CardSwapped: return "A different card was presented during the session.";
                case WeldingReason.GasOverLimit: return "Gas over the hot-work limit.";
                case WeldingReason.ZoneTripped: return "The zone tripped.";
                case WeldingReason.PermitCancelled: return "The permit was cancelled.";
                case WeldingReason.PermitForged: return "Permit refused: its signature does not verify.";
                case WeldingReason.PermitReplayed: return "Permit refused: already applied (replay).";
                case WeldingReason.PermitMalformed: return "Permit refused: malformed.";
                case WeldingReason.PermitForeignZone: return "Permit refused: its zone is not on this gateway.";
                case WeldingReason.PermitAlreadyExpired: return "Permit refused: it has already expired.";
                case WeldingReason.PermitWrongGateway: return "Permit refused: addressed to another gateway.";
                case WeldingReason.PermitLooserThanStandard: return "Permit refused: its gas limit is looser than GB 30871-2022.";
                case WeldingReason.PermitCombustibleUnmonitored: return "Permit refused: permit.combustibleGas names a combustible gas but the confined space has no combustible channel (welding.confinedSpaces[].combustibleChannels).";
                case WeldingReason.SpecialPeriod: return "Hot work during a special period.";
                case WeldingReason.CertificateNearExpiry: return "The welder's certificate expires within 30 days.";
                case WeldingReason.SuspectedModifiedMachine: return "Suspected modified machine.";
                case WeldingReason.StartOutsidePermitArea: return "Start attempted outside the permit's area.";
                case WeldingReason.AbnormalOperation: return "Abnormal operation.";
                case WeldingReason.PermitExpiresSoon: return "The permit expires in 10 minutes.";
                case WeldingReason.BypassSuspected: return "Arc current while the machine is locked: bypass suspected.";
                default: return "";
            }
        }

        public static string Chinese(WeldingReason r)
        {
            switch (r)
            {
                case WeldingReason.MachineUnreadable: return "无法读取电焊机芯片身份。";
                case WeldingReason.MachineUnregistered: return "电焊机编码未登记。";
                case WeldingReason.MachineIdentityChanged: return "电焊机编码发生变化：疑似更换或改装设备。";
                case WeldingReason.CardUnknown: return "该卡不属于任何登记焊工。";
                case WeldingReason.CertificateExpired: return "焊工特种作业操作证已过期。";
                case WeldingReason.WelderNotOnPermit: return "焊工不在动火作业票上。";
                case WeldingReason.NoValidPermit: return "本区域当前没有有效的动火作业票。";
                case WeldingReason.MachineNotOnPermit: return "电焊机不在作业票上。";
                case WeldingReason.ClockUntrusted: return "网关时钟不可信，无法核验作业票时间。";
                case WeldingReason.ZoneNotPermissive: return "区域联锁条件不满足（监控、气体、链路或锁存跳闸）。";
                case WeldingReason.GasNotClear: return "气体未在稳定时间内保持合格。";
                case WeldingReason.GasChannelFault: return "区域气体通道故障、过期或被屏蔽。";
                case WeldingReason.GasAnalysisTooOld: return "气体分析超过30分钟，或作业中断超过60分钟，需重新分析。";
                case WeldingReason.MachineOutsidePermitArea: return "电焊机登记区域与作业票区域不符。";
                case WeldingReason.SessionAlreadyRunning: return "该电焊机已有作业在进行。";
                case WeldingReason.MachineLockedSuspectedModification: return "电焊机疑似改装，已锁定，须安全员到现场解除。";
                case WeldingReason.PermitGradeBelowSpecialPeriod: return "特殊时段动火作业升级管理（GB 30871-2022），作业票级别不足。";
                case WeldingReason.MachineModificationCleared: return "安全员已解除疑似改装电焊机的锁定。";
                case WeldingReason.SpecialPeriodStarted: return "作业期间进入特殊时段：动火作业按升级一级重新判定。";
                case WeldingReason.WelderEnded: return "焊工结束作业。";
                case WeldingReason.PermitExpired: return "作业票时间已到。";
                case WeldingReason.CardSwapped: return "作业中出示了其他人的卡。";
                case WeldingReason.GasOverLimit: return "气体浓度超过动火限值。";
                case WeldingReason.ZoneTripped: return "区域跳闸。";
                case WeldingReason.PermitCancelled: return "作业票已撤销。";
                case WeldingReason.PermitForged: return "拒绝作业票：签名校验失败。";
                case WeldingReason.PermitReplayed: return "拒绝作业票：重复提交（重放）。";
                case WeldingReason.PermitMalformed: return "拒绝作业票：格式错误。";
                case WeldingReason.PermitForeignZone: return "拒绝作业票：区域不属于本网关。";
                case WeldingReason.PermitAlreadyExpired: return "拒绝作业票：已过期。";
                case WeldingReason.PermitWrongGateway: return "拒绝作业票：发往其他网关。";
                case WeldingReason.PermitLooserThanStandard: return "拒绝作业票：气体限值宽于 GB 30871-2022。";
                case WeldingReason.PermitCombustibleUnmonitored: return "拒绝作业票：permit.combustibleGas 指定了可燃气体，但该有限空间没有可燃气体通道（welding.confinedSpaces[].combustibleChannels）。";
                case WeldingReason.SpecialPeriod: return "特殊时段动火作业。";
                case WeldingReason.CertificateNearExpiry: return "焊工证书30天内到期。";
                case WeldingReason.SuspectedModifiedMachine: return "疑似改装电焊机。";
                case WeldingReason.StartOutsidePermitArea: return "在作业票区域外尝试启动。";
                case WeldingReason.AbnormalOperation: return "异常操作。";
                case WeldingReason.PermitExpiresSoon: return "作业票将在10分钟后到期。";
                case WeldingReason.BypassSuspected: return "电焊机锁定时仍有电流：疑似旁路。";
                default: return "";
            }
        }
    }
}
