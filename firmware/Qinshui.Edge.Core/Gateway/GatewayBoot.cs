namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// What survives a reboot and the secrets of this gateway: kept in NVS/flash by the device,
    /// in a state file by the desktop hosts.
    /// </summary>
    public sealed class GatewayBoot
    {
        public GatewayBoot(byte[] key, long bootCounter, string firmwareVersion)
        {
            Key = key;
            BootCounter = bootCounter;
            FirmwareVersion = firmwareVersion;
        }

        /// <summary>The gateway's HMAC key for commands, permits, registries and configs.</summary>
        public byte[] Key { get; }

        public long BootCounter { get; }
        public string FirmwareVersion { get; }

        /// <summary>Hash of the last event of the previous boot (continues the chain), or null.</summary>
        public byte[] LastEventHash { get; set; }

        public long LastCommandCounter { get; set; }
        public long LastPermitCounter { get; set; }

        /// <summary>The previous boot's last exposure checkpoint (issue 13 #6; Alarms/ExposureRecord), or null.</summary>
        public byte[] ExposureRecord { get; set; }

        /// <summary>True when a previous boot ran and should have left <see cref="ExposureRecord"/>: a missing one is then a lost history.</summary>
        public bool ExposureHistoryExpected { get; set; }
    }
}
