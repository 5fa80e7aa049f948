namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>What a boot made of the previous boot's exposure checkpoint (issue 13 #6).</summary>
    public enum ExposureRestore
    {
        /// <summary>The configuration has no STEL/TWA level.</summary>
        NoExposureChannels = 0,
        /// <summary>First boot: no history exists, the windows start empty.</summary>
        Fresh = 1,
        /// <summary>The windows carry the saved doses and the off time held at the last values.</summary>
        Restored = 2,
        /// <summary>As Restored, with the off time unknown (clock untrusted or set back) and taken as a whole window.</summary>
        RestoredOffTimeUnknown = 3,
        /// <summary>The record was damaged or lost: every window is taken at its exposure limit.</summary>
        AssumedAtLimit = 4,
    }
}
