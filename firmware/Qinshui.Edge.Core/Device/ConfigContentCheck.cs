using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// A host's own check of an authentic, valid configuration: on the ESP32, that its board can
    /// carry it (every id a pin of the right kind, <see cref="Boards.BoardBinding"/>). Adds errors
    /// with their paths; null when the host has nothing to add.
    /// </summary>
    public delegate void ConfigContentCheck(GatewayConfig config, ValidationErrors errors);
}
