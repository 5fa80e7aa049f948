namespace Qinshui.Edge.Core.Events
{
    /// <summary>What changed. Every change of a zone produces one of these (docs/events.md).</summary>
    public enum EventKind
    {
        ZonePermitted = 0,
        ZoneTripped = 1,
        ResetRequested = 2,
        ResetRefused = 3,
        ResetAccepted = 4,
        /// <summary>Output failed, welded contact, unreadable input.</summary>
        Fault = 5,
        BypassSuspected = 6,
        /// <summary>Enclosure opened, sensor unplugged, configuration changed locally.</summary>
        Tamper = 7,
        ProofTestStarted = 8,
        ProofTestPassed = 9,
        ProofTestFailed = 10,
        ProofTestRefused = 11,
        /// <summary>The interlock configuration is invalid: every output stays off.</summary>
        ConfigInvalid = 12,
        /// <summary>Welding (电焊机"加芯赋码") and permits: sessions, refusals, warnings, permit and registry updates.</summary>
        WeldingSessionStarted = 20,
        WeldingSessionEnded = 21,
        WeldingStartRefused = 22,
        WeldingWarning = 23,
        PermitAccepted = 24,
        PermitRefused = 25,
        RegistryUpdated = 26,
        /// <summary>Gateway-level: configuration received, command refused, clock jump.</summary>
        ConfigReceived = 27,
        CommandRefused = 28,
        ClockJump = 29,
    }

    public static class EventKinds
    {
        public static string Code(EventKind k)
        {
            switch (k)
            {
                case EventKind.ZonePermitted: return "zone_permitted";
                case EventKind.ZoneTripped: return "zone_tripped";
                case EventKind.ResetRequested: return "reset_requested";
                case EventKind.ResetRefused: return "reset_refused";
                case EventKind.ResetAccepted: return "reset_accepted";
                case EventKind.Fault: return "fault";
                case EventKind.BypassSuspected: return "bypass_suspected";
                case EventKind.Tamper: return "tamper";
                case EventKind.ProofTestStarted: return "proof_test_started";
                case EventKind.ProofTestPassed: return "proof_test_passed";
                case EventKind.ProofTestFailed: return "proof_test_failed";
                case EventKind.ProofTestRefused: return "proof_test_refused";
                case EventKind.ConfigInvalid: return "config_invalid";
                case EventKind.WeldingSessionStarted: return "welding_session_started";
                case EventKind.WeldingSessionEnded: return "welding_session_ended";
                case EventKind.WeldingStartRefused: return "welding_start_refused";
                case EventKind.WeldingWarning: return "welding_warning";
                case EventKind.PermitAccepted: return "permit_accepted";
                case EventKind.PermitRefused: return "permit_refused";
                case EventKind.RegistryUpdated: return "registry_updated";
                case EventKind.ConfigReceived: return "config_received";
                case EventKind.CommandRefused: return "command_refused";
                case EventKind.ClockJump: return "clock_jump";
                default: return "unknown";
            }
        }

        public static string English(EventKind k)
        {
            switch (k)
            {
                case EventKind.ZonePermitted: return "Zone permitted: outputs energised.";
                case EventKind.ZoneTripped: return "Zone tripped: outputs de-energised and latched.";
                case EventKind.ResetRequested: return "Reset requested.";
                case EventKind.ResetRefused: return "Reset refused.";
                case EventKind.ResetAccepted: return "Reset accepted.";
                case EventKind.Fault: return "Interlock fault detected.";
                case EventKind.BypassSuspected: return "Bypass suspected: load powered while its permissive is off.";
                case EventKind.Tamper: return "Tampering detected.";
                case EventKind.ProofTestStarted: return "Proof test started: simulated over-limit.";
                case EventKind.ProofTestPassed: return "Proof test passed: feedback confirmed the cut.";
                case EventKind.ProofTestFailed: return "Proof test failed: the cut was not confirmed.";
                case EventKind.ProofTestRefused: return "Proof test refused.";
                case EventKind.ConfigInvalid: return "Interlock configuration invalid: every output off.";
                case EventKind.WeldingSessionStarted: return "Welding session started: machine enabled.";
                case EventKind.WeldingSessionEnded: return "Welding session ended: machine locked.";
                case EventKind.WeldingStartRefused: return "Welding start refused.";
                case EventKind.WeldingWarning: return "Welding warning.";
                case EventKind.PermitAccepted: return "Hot-work permit accepted.";
                case EventKind.PermitRefused: return "Hot-work permit refused.";
                case EventKind.RegistryUpdated: return "Welder and machine registry updated.";
                case EventKind.ConfigReceived: return "Configuration received.";
                case EventKind.CommandRefused: return "Command refused.";
                case EventKind.ClockJump: return "Wall clock jumped.";
                default: return "Unknown event.";
            }
        }

        public static string Chinese(EventKind k)
        {
            switch (k)
            {
                case EventKind.ZonePermitted: return "区域许可：输出已通电。";
                case EventKind.ZoneTripped: return "区域断电：输出已断开并锁存。";
                case EventKind.ResetRequested: return "请求复位。";
                case EventKind.ResetRefused: return "复位被拒绝。";
                case EventKind.ResetAccepted: return "复位已接受。";
                case EventKind.Fault: return "检测到联锁故障。";
                case EventKind.BypassSuspected: return "疑似旁路：许可断开时负载仍通电。";
                case EventKind.Tamper: return "检测到破坏行为。";
                case EventKind.ProofTestStarted: return "联锁试验开始：模拟超限。";
                case EventKind.ProofTestPassed: return "联锁试验通过：反馈确认已断电。";
                case EventKind.ProofTestFailed: return "联锁试验失败：未确认断电。";
                case EventKind.ProofTestRefused: return "联锁试验被拒绝。";
                case EventKind.ConfigInvalid: return "联锁配置无效：所有输出断开。";
                case EventKind.WeldingSessionStarted: return "电焊作业开始：焊机已解锁。";
                case EventKind.WeldingSessionEnded: return "电焊作业结束：焊机已锁定。";
                case EventKind.WeldingStartRefused: return "拒绝启动电焊作业。";
                case EventKind.WeldingWarning: return "电焊作业预警。";
                case EventKind.PermitAccepted: return "动火作业票已接受。";
                case EventKind.PermitRefused: return "动火作业票被拒绝。";
                case EventKind.RegistryUpdated: return "焊工与焊机登记名录已更新。";
                case EventKind.ConfigReceived: return "已收到配置。";
                case EventKind.CommandRefused: return "命令被拒绝。";
                case EventKind.ClockJump: return "网关时钟跳变。";
                default: return "未知事件。";
            }
        }
    }
}
