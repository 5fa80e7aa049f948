namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>Receives gateway-level events (commands, clock trust) to journal them in the event chain.</summary>
    public interface IEventSink
    {
        bool Record(string code, EventSeverity severity, string subject, string english, string chinese);
    }
}
