namespace Qinshui.Edge.Core.Ports
{
    public enum LogLevel
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }

    /// <summary>The serial log / console. Never on the safety path: the scan does not wait on it.</summary>
    public interface ILogSink
    {
        bool IsEnabled(LogLevel level);
        void Write(LogLevel level, string message);
    }
}
