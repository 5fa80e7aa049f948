namespace Qinshui.Edge.Core.Mqtt
{
    public enum EventSeverity
    {
        Info = 0,
        Warning = 1,
        Alarm = 2,
    }
}
