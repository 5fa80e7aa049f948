using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Simulator.Plant.Modbus;

/// <summary>
/// The register map of the simulator's digital transmitter (gas, dust, process): holding
/// registers 0–1 the measured value as float32 ABCD, register 2 a status word (bit 0 sensor
/// fault, bit 1 over range, bit 2 warming up). <see cref="ProfileJson"/> is the same map as a
/// device profile for the gateway's configuration, so both sides read one table.
/// </summary>
public static class SensorRegisterMap
{
    public const string ProfileId = "sim-transmitter";
    public const string ValuePoint = "value";
    public const int ValueAddress = 0;
    public const int StatusAddress = 2;
    public const ushort StatusSensorFault = 1;
    public const ushort StatusOverRange = 2;
    public const ushort StatusWarmingUp = 4;

    public const string ProfileJson = """
        { "id": "sim-transmitter", "source": "qedge simulator transmitter (SensorRegisterMap)", "points": [
          { "id": "value", "function": 3, "address": 0, "type": "f32", "order": "ABCD" },
          { "id": "status", "function": 3, "address": 2, "type": "u16" } ],
          "status": [
            { "function": 3, "address": 2, "mask": 1, "quality": "sensor_fault", "points": ["value"] },
            { "function": 3, "address": 2, "mask": 2, "quality": "out_of_range", "points": ["value"] },
            { "function": 3, "address": 2, "mask": 4, "quality": "warming_up", "points": ["value"] } ] }
        """;

    /// <summary>Refreshes the device's registers from the sensor and applies its communication faults.</summary>
    public static void Update(ModbusSlaveDevice device, SimSensor sensor, long nowMs, long utcMs)
    {
        var r = sensor.ReadDigital(nowMs, utcMs);
        device.Online = sensor.Fault != SensorFault.CommLoss && !sensor.Unpowered;
        device.ForcedException = sensor.Fault == SensorFault.ModbusException ? (byte)4 : (byte)0;
        uint bits = BitConverter.SingleToUInt32Bits((float)r.Value);
        device.HoldingRegisters[ValueAddress] = (ushort)(bits >> 16);
        device.HoldingRegisters[ValueAddress + 1] = (ushort)bits;
        ushort status = 0;
        if ((r.Quality & Quality.SensorFault) != 0) status |= StatusSensorFault;
        if ((r.Quality & Quality.OutOfRange) != 0) status |= StatusOverRange;
        if ((r.Quality & Quality.WarmingUp) != 0) status |= StatusWarmingUp;
        device.HoldingRegisters[StatusAddress] = status;
    }
}
