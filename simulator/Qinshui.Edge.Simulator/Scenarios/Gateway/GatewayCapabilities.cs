namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// What a gateway running in the simulator can be asked about. An expectation needing a
/// capability the gateway lacks is reported "not evaluable", never passed.
/// </summary>
[Flags]
public enum GatewayCapabilities
{
    None = 0,
    /// <summary>Channels with readings, quality and alarm levels.</summary>
    Alarms = 1,
    /// <summary>Drives relay outputs (permissives).</summary>
    Outputs = 2,
    /// <summary>Zones / interlocks with their state and reason.</summary>
    Zones = 4,
    /// <summary>Welding machines, card taps and permits.</summary>
    Welding = 8,
    /// <summary>Store-and-forward journal with a hash chain.</summary>
    Journal = 16,
    /// <summary>MQTT session to a broker.</summary>
    Mqtt = 32,
    /// <summary>Accepts platform commands and replies.</summary>
    Commands = 64,
}
