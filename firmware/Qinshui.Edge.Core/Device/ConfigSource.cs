namespace Qinshui.Edge.Core.Device
{
    public enum ConfigSource
    {
        /// <summary>No usable configuration: the gateway stays in its safe state and says why.</summary>
        None = 0,
        /// <summary>The newly stored configuration verified and validated; it becomes the last good one.</summary>
        Candidate = 1,
        /// <summary>The new one was refused (or absent); the last good configuration is used.</summary>
        LastGood = 2,
    }
}
