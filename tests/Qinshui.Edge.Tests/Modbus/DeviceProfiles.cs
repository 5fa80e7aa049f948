using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>Loads hardware/devices/*.json through the core's JSON parser, as the gateway does.</summary>
public static class DeviceProfiles
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Qinshui.Edge.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "hardware", "devices");
        }
    }

    public static ModbusDeviceProfile Load(string id)
    {
        var errors = new ValidationErrors();
        var p = Parse(File.ReadAllBytes(Path.Combine(Directory, id + ".json")), errors);
        if (p == null) throw new InvalidOperationException(string.Join("; ", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString())));
        return p;
    }

    public static ModbusDeviceProfile? Parse(byte[] json, ValidationErrors errors)
    {
        if (!JsonParser.TryParse(json, 0, json.Length, out var v, out var error))
        {
            errors.Error("$", "json_syntax", error, error);
            return null;
        }
        return ModbusJson.ReadProfile(v, "$", errors);
    }
}
