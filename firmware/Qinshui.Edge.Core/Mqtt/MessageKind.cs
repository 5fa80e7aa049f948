namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>The last topic level of every message (docs/mqtt.md).</summary>
    public enum MessageKind
    {
        Birth = 0,
        Data = 1,
        Alarm = 2,
        Event = 3,
        Health = 4,
        State = 5,
        Cmd = 6,
        Reply = 7,
        /// <summary>A page of the birth's metadata (channels, profiles, zones), published right after the birth.</summary>
        Meta = 8,
    }
}
