namespace Qinshui.Edge.Simulator.Plant;

/// <summary>Failure modes a scenario can inject into a sensor.</summary>
public enum SensorFault
{
    None = 0,
    /// <summary>The output freezes at its value when the fault starts (a poisoned or blocked head).</summary>
    Stuck,
    /// <summary>4–20 mA loop broken: the input sees ≤ 3.6 mA (NAMUR NE43 failure low).</summary>
    OpenLoop,
    /// <summary>Transmitter drives its failure-high current ≥ 21 mA (NAMUR NE43).</summary>
    OverRange,
    /// <summary>The sensor stops answering on the bus (or the ADC cannot be read).</summary>
    CommLoss,
    /// <summary>Replies arrive with corrupted bytes (CRC errors).</summary>
    CrcNoise,
    /// <summary>The slave answers with a Modbus exception (e.g. 0x04 server device failure).</summary>
    ModbusException,
}

public static class SensorFaultNames
{
    public static readonly IReadOnlyDictionary<string, SensorFault> ByName = new Dictionary<string, SensorFault>(StringComparer.Ordinal)
    {
        ["stuck"] = SensorFault.Stuck,
        ["open_loop"] = SensorFault.OpenLoop,
        ["over_range"] = SensorFault.OverRange,
        ["comm_loss"] = SensorFault.CommLoss,
        ["crc_noise"] = SensorFault.CrcNoise,
        ["modbus_exception"] = SensorFault.ModbusException,
    };

    public static string Name(SensorFault f) => f switch
    {
        SensorFault.None => "none",
        SensorFault.Stuck => "stuck",
        SensorFault.OpenLoop => "open_loop",
        SensorFault.OverRange => "over_range",
        SensorFault.CommLoss => "comm_loss",
        SensorFault.CrcNoise => "crc_noise",
        SensorFault.ModbusException => "modbus_exception",
        _ => "unknown",
    };
}
