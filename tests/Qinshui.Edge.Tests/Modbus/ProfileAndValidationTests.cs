using System.Text;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Modbus;

public class ProfileAndValidationTests
{
    [Theory]
    [InlineData("generic-gas-transmitter", 6, 4)]
    [InlineData("dust-concentration-sensor", 2, 3)]
    [InlineData("dust-collector-controller", 6, 2)]
    [InlineData("welding-machine-chip", 7, 1)]
    public void ShippedProfile_Loads_AndSaysWhereItComesFrom(string id, int points, int rules)
    {
        var p = DeviceProfiles.Load(id);
        Assert.Equal(id, p.Id);
        Assert.Equal(points, p.Points.Length);
        Assert.Equal(rules, p.StatusRules.Length);
        Assert.True(p.Verify);
        Assert.Contains("check", p.Source);
        Assert.True(File.Exists(Path.Combine(DeviceProfiles.Directory, id + ".md")));
    }

    [Fact]
    public void EveryJsonInHardwareDevices_HasItsMarkdown_AndLoads()
    {
        var files = Directory.GetFiles(DeviceProfiles.Directory, "*.json");
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            DeviceProfiles.Load(Path.GetFileNameWithoutExtension(f));
            Assert.True(File.Exists(Path.ChangeExtension(f, ".md")), f);
        }
    }

    [Fact]
    public void BadProfile_ReportsEveryErrorWithItsPath()
    {
        var json = """
        { "id": "x", "source": "s", "points": [
            { "id": "a", "function": 3, "address": 0, "type": "f64" },
            { "id": "a", "function": 1, "address": 70000, "type": "u16", "colour": "red" },
            { "id": "b", "function": 3, "address": 2, "type": "bits", "bit": 15, "bits": 2 }
          ],
          "status": [ { "address": 9, "mask": 1, "quality": "shiny" } ] }
        """;
        var errors = new ValidationErrors();
        Assert.Null(DeviceProfiles.Parse(Encoding.UTF8.GetBytes(json), errors));
        var paths = Enumerable.Range(0, errors.Count).Select(i => errors[i].Path).ToList();
        Assert.Contains("$.points[0].type", paths);
        Assert.Contains("$.points[1].address", paths);
        Assert.Contains("$.points[1].colour", paths);
        Assert.Contains("$.status[0].quality", paths);
        Assert.All(Enumerable.Range(0, errors.Count), i => Assert.False(string.IsNullOrEmpty(errors[i].Chinese)));

        errors = new ValidationErrors();
        json = """{ "id": "x", "source": "s", "points": [ { "id": "a", "function": 1, "address": 0, "type": "u16" }, { "id": "a", "address": 2, "type": "bits", "bit": 15, "bits": 2 } ] }""";
        Assert.Null(DeviceProfiles.Parse(Encoding.UTF8.GetBytes(json), errors));
        Assert.True(errors.Contains("modbus_point_type"));
        Assert.True(errors.Contains("modbus_duplicate_point"));
        Assert.True(errors.Contains("modbus_bit_field"));
    }

    private static ModbusDeviceProfile[] Catalog() =>
        Directory.GetFiles(DeviceProfiles.Directory, "*.json").Select(f => DeviceProfiles.Load(Path.GetFileNameWithoutExtension(f))).ToArray();

    private static ModbusBusConfig? ReadBus(string json, ValidationErrors errors)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(JsonParser.TryParse(bytes, 0, bytes.Length, out var v, out var err), err);
        return ModbusJson.ReadBus(v, Catalog(), "modbus", errors);
    }

    [Fact]
    public void BusThatFitsItsLine_IsAccepted()
    {
        var errors = new ValidationErrors();
        var bus = ReadBus("""
            { "baud": 9600, "responseTimeoutMs": 200, "retries": 1, "devices": [
              { "name": "gas1", "unit": 1, "profile": "generic-gas-transmitter", "pollIntervalMs": 1000, "alarmPollIntervalMs": 1000 },
              { "name": "dust1", "unit": 2, "profile": "dust-concentration-sensor", "pollIntervalMs": 2000 },
              { "name": "bag1", "unit": 3, "profile": "dust-collector-controller", "pollIntervalMs": 2000 },
              { "name": "weld1", "unit": 4, "profile": "welding-machine-chip", "pollIntervalMs": 1000 } ] }
            """, errors);
        Assert.False(errors.HasErrors, string.Join("; ", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString())));
        Assert.NotNull(bus);
        Assert.Equal(4, bus!.Devices.Length);
        Assert.Equal(1000, bus.Devices[1].AlarmPollIntervalMs); // default: 1 s while in alarm
    }

    [Fact]
    public void BusOverItsLineBudget_IsRejected_WithThePathAndTheFigure()
    {
        // 30 welding machines (two requests, ~45 bytes each way) every 300 ms at 1200 baud cannot fit.
        var devices = string.Join(",", Enumerable.Range(1, 30).Select(i =>
            $$"""{ "name": "w{{i}}", "unit": {{i}}, "profile": "welding-machine-chip", "pollIntervalMs": 3000, "alarmPollIntervalMs": 3000 }"""));
        var errors = new ValidationErrors();
        Assert.Null(ReadBus($$"""{ "baud": 1200, "devices": [ {{devices}} ] }""", errors));
        var budget = Enumerable.Range(0, errors.Count).Select(i => errors[i]).First(e => e.Code == "modbus_bus_budget");
        Assert.Equal("modbus.devices", budget.Path);
        Assert.Contains("% of the line at 1200 baud", budget.English);
        Assert.Contains("1200", budget.Chinese);
    }

    [Fact]
    public void DeviceWhoseIntervalCannotAbsorbADeadNeighbour_IsRejected()
    {
        var errors = new ValidationErrors();
        Assert.Null(ReadBus("""
            { "baud": 9600, "responseTimeoutMs": 1000, "retries": 2, "devices": [
              { "name": "gas1", "unit": 1, "profile": "generic-gas-transmitter", "pollIntervalMs": 1000, "alarmPollIntervalMs": 1000 },
              { "name": "gas2", "unit": 2, "profile": "generic-gas-transmitter", "pollIntervalMs": 1000, "alarmPollIntervalMs": 1000 } ] }
            """, errors));
        Assert.Contains(Enumerable.Range(0, errors.Count).Select(i => errors[i]),
            e => e.Code == "modbus_interval_too_short" && e.Path == "modbus.devices[0].alarmPollIntervalMs");
    }

    [Fact]
    public void AlarmIntervalOver10s_DuplicateUnit_AndUnknownProfile_AreAllReported()
    {
        var errors = new ValidationErrors();
        Assert.Null(ReadBus("""
            { "baud": 9600, "devices": [
              { "name": "gas1", "unit": 1, "profile": "generic-gas-transmitter", "pollIntervalMs": 30000, "alarmPollIntervalMs": 20000 },
              { "name": "gas2", "unit": 1, "profile": "generic-gas-transmitter" },
              { "name": "gas3", "unit": 3, "profile": "no-such-device" } ] }
            """, errors));
        Assert.True(errors.Contains("modbus_unknown_profile"));
        errors = new ValidationErrors();
        var bus = new ModbusBusConfig
        {
            BaudRate = 9600,
            Devices =
            [
                new ModbusDeviceConfig { Name = "gas1", Unit = 1, Profile = DeviceProfiles.Load("generic-gas-transmitter"), PollIntervalMs = 30000, AlarmPollIntervalMs = 20000, BackoffMaxMs = 60000 },
                new ModbusDeviceConfig { Name = "gas2", Unit = 1, Profile = DeviceProfiles.Load("generic-gas-transmitter") },
            ],
        };
        ModbusConfigValidator.Validate(bus, "modbus", errors);
        var byPath = Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToDictionary(e => e.Path, e => e.Code);
        Assert.Equal("modbus_alarm_interval", byPath["modbus.devices[0].alarmPollIntervalMs"]);
        Assert.Equal("modbus_duplicate_unit", byPath["modbus.devices[1].unit"]);
    }

    [Fact]
    public void Planner_MergesAdjacentRegisters_AndSplitsByFunction()
    {
        var dev = new ModbusDeviceConfig { Name = "w", Unit = 1, Profile = DeviceProfiles.Load("welding-machine-chip") };
        var plan = ModbusPlanner.Plan(dev);
        Assert.Equal(2, plan.Blocks.Length);
        Assert.Equal((FunctionCode.ReadCoils, 0, 1), (plan.Blocks[0].Function, plan.Blocks[0].Address, plan.Blocks[0].Quantity));
        Assert.Equal((FunctionCode.ReadHoldingRegisters, 256, 13), (plan.Blocks[1].Function, plan.Blocks[1].Address, plan.Blocks[1].Quantity));

        var gas = ModbusPlanner.Plan(new ModbusDeviceConfig { Name = "g", Unit = 1, Profile = DeviceProfiles.Load("generic-gas-transmitter") });
        Assert.Single(gas.Blocks);
        Assert.Equal(5, gas.Blocks[0].Quantity);

        // Two points far apart are not merged; within MaxGapRegisters they are.
        var far = new ModbusDeviceProfile
        {
            Id = "far", Source = "test",
            Points = [new ModbusPointConfig { Id = "a", Address = 0 }, new ModbusPointConfig { Id = "b", Address = 50 }, new ModbusPointConfig { Id = "c", Address = 55, Type = RegisterType.Float32 }],
            StatusRules = [],
        };
        var p = ModbusPlanner.Plan(new ModbusDeviceConfig { Name = "f", Unit = 1, Profile = far });
        Assert.Equal(new[] { (0, 1), (50, 7) }, p.Blocks.Select(b => (b.Address, b.Quantity)));
        Assert.Equal(1, p.PointBlock[2]);
        Assert.Equal(5, p.PointOffset[2]);
    }

    [Fact]
    public void QualityNames_UsedInProfiles_AreTheCoreFlagNames()
    {
        var p = DeviceProfiles.Load("generic-gas-transmitter");
        Assert.Equal(new[] { Quality.SensorFault, Quality.WarmingUp, Quality.OutOfRange, Quality.CalibrationOverdue }, p.StatusRules.Select(r => r.Quality));
    }
}
