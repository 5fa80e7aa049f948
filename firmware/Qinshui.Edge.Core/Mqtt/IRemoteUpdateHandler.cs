using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Receives the authenticated arguments of update_permits, update_registry and update_config
    /// (implemented by the welding and configuration issues). The handler validates the content
    /// itself and fills result: Accept, or Refuse with a reason code and English + Chinese text.
    /// </summary>
    public interface IRemoteUpdateHandler
    {
        void Apply(string command, JsonValue args, CommandResult result);
    }
}
