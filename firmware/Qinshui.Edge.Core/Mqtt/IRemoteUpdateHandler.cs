using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Receives the authenticated arguments of update_permits, update_registry, update_config
    /// and config_chunk (one piece of a configuration pushed in chunks; Config/ConfigTransfer). The handler validates the content
    /// itself and fills result: Accept, or Refuse with a reason code and English + Chinese text.
    /// </summary>
    public interface IRemoteUpdateHandler
    {
        void Apply(string command, JsonValue args, CommandResult result);
    }
}
