using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>
/// The bus budget is checked against what the device's master achieves (ModbusDriveModel), not
/// against the ideal line: a bus that fills 90 % of the ideal line fits the wire but not the
/// gateway, whose bus thread loses the time the scan holds the CPU and a tick per frame.
/// </summary>
public class DeviceBudgetValidationTests
{
    private static ModbusBusConfig Bus(int devices, int intervalMs)
    {
        var profile = DeviceProfiles.Load("generic-gas-transmitter");
        var bus = new ModbusBusConfig { BaudRate = 9600, ResponseTimeoutMs = 100, Retries = 0, Devices = new ModbusDeviceConfig[devices] };
        for (int i = 0; i < devices; i++)
        {
            bus.Devices[i] = new ModbusDeviceConfig
            {
                Name = "gas" + (i + 1), Unit = (byte)(i + 1), Profile = profile,
                PollIntervalMs = intervalMs, AlarmPollIntervalMs = intervalMs, BackoffMaxMs = 10 * intervalMs,
            };
        }
        return bus;
    }

    private static int IntervalForIdealLoad(int devices, double load)
    {
        var bus = Bus(1, 1000);
        long idealUs = ModbusPlanner.Plan(bus.Devices[0]).CycleMicros(bus.CreateTiming());
        return (int)Math.Ceiling(devices * idealUs / load / 1000.0);
    }

    [Fact]
    public void BusFillingNinetyPercentOfTheIdealLine_IsRejected_AsTheDeviceCannotPollIt()
    {
        var errors = new ValidationErrors();
        ModbusConfigValidator.Validate(Bus(20, IntervalForIdealLoad(20, 0.9)), "modbus", errors);
        var budget = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Single(e => e.Code == "modbus_bus_budget");
        Assert.Contains("the gateway's master can fill 80 %", budget.English);
        Assert.Contains("主站最多可用 80 %", budget.Chinese);
    }

    [Fact]
    public void BusWithinTheDeviceModel_IsAccepted()
    {
        var errors = new ValidationErrors();
        ModbusConfigValidator.Validate(Bus(20, IntervalForIdealLoad(20, 0.6)), "modbus", errors);
        Assert.False(errors.HasErrors, string.Join("; ", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString())));
    }

    [Fact]
    public void DeviceCycle_IsNeverShorterThanTheIdealLine()
    {
        var bus = Bus(1, 1000);
        var plan = ModbusPlanner.Plan(bus.Devices[0]);
        Assert.True(plan.CycleMicros(bus.CreateTiming(), ModbusDriveModel.Device()) > plan.CycleMicros(bus.CreateTiming()));
    }
}
