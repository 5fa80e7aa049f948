using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Plant;

public enum SensorInterface
{
    /// <summary>4–20 mA loop into an analog input of the gateway.</summary>
    Analog = 0,
    /// <summary>A Modbus RTU slave on an RS-485 bus (served by the Modbus simulated slave).</summary>
    Modbus = 1,
}

/// <summary>Fixed configuration of a simulated sensor.</summary>
public sealed class SensorSpec
{
    public required string Id { get; init; }
    public required string Measures { get; init; }
    public required Unit Unit { get; init; }
    public double RangeMin { get; init; }
    public double RangeMax { get; init; } = 100;

    /// <summary>Time to reach 90 % of a step (AQ 6203 / GB/T 50493 detectors: about 30 s).</summary>
    public long T90Ms { get; init; } = 30_000;

    /// <summary>Standard deviation of the measurement noise, in the sensor's unit.</summary>
    public double NoiseSd { get; init; }

    /// <summary>Zero drift per hour of operation, in the sensor's unit.</summary>
    public double DriftPerHour { get; init; }

    /// <summary>After power-on the sensor does not measure for this long.</summary>
    public long WarmUpMs { get; init; }

    public SensorInterface Interface { get; init; } = SensorInterface.Analog;

    /// <summary>For Modbus sensors: the bus id and slave address the Modbus simulated slave serves.</summary>
    public string? Bus { get; init; }
    public int SlaveAddress { get; init; }
}
