using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Reads the "plant" section of a scenario: gases, variables, dust collectors, buses, sensors, contacts, relays, card readers, welding machines (docs/scenarios.md, "Plant").</summary>
internal static class PlantReader
{
    private static readonly Dictionary<string, ContactKind> s_contactKinds = new(StringComparer.Ordinal)
    {
        ["contact"] = ContactKind.Contact, ["camera"] = ContactKind.Camera, ["nvr"] = ContactKind.Camera, ["estop"] = ContactKind.EmergencyStop,
    };

    private static readonly Dictionary<string, DustCollectorKind> s_collectorKinds = new(StringComparer.Ordinal)
    {
        ["dry"] = DustCollectorKind.Dry, ["wet"] = DustCollectorKind.Wet,
    };

    private static readonly Dictionary<string, SensorInterface> s_interfaces = new(StringComparer.Ordinal)
    {
        ["analog"] = SensorInterface.Analog, ["modbus"] = SensorInterface.Modbus,
    };

    public static void Read(JsonObjectReader r, PlantDefinition plant, IdTable ids)
    {
        if (!r.IsObject) return;
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        ReadGases(r, plant, ids, units);
        ReadVariables(r, plant, ids, units);
        ReadDustCollectors(r, plant, ids, units);
        ReadBuses(r, plant, ids);
        ReadSensors(r, plant, ids, units);
        ReadContacts(r, plant, ids);
        ReadRelays(r, plant, ids);
        ReadCardReaders(r, plant, ids);
        ReadWeldingMachines(r, plant, ids, units);
        r.Done();
    }

    private static void ReadGases(JsonObjectReader r, PlantDefinition plant, IdTable ids, Dictionary<string, Unit> units)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("gases"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            Unit unit = ReadUnit(o) ?? Unit.PercentVolume;
            double volume = o.Number("volumeM3", true, 0.001) ?? 1;
            double vent = o.Number("ventilationM3PerMin", true, 0) ?? 0;
            double leak = o.Number("leakM3PerMin", false, 0) ?? 0;
            double bg = o.Number("background") ?? 0;
            double lel = o.Number("lelPercentVolume", unit == Unit.PercentLel, 0.1, 100) ?? 5;
            o.Done();
            if (id != null && ids.Add(id, IdKind.Variable, path + ".id"))
            {
                plant.Gases.Add(new GasDefinition(id, unit, volume, vent, leak, bg, lel));
                ids.SetProperties(id, new[] { WellMixedGas.Leak, WellMixedGas.Ventilation, WellMixedGas.Volume, WellMixedGas.Background, WellMixedGas.Concentration });
                units[id] = unit;
            }
        }
    }

    private static void ReadVariables(JsonObjectReader r, PlantDefinition plant, IdTable ids, Dictionary<string, Unit> units)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("variables"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            Unit unit = ReadUnit(o) ?? Unit.None;
            double initial = o.Number("initial", true) ?? 0;
            o.Done();
            if (id != null && ids.Add(id, IdKind.Variable, path + ".id"))
            {
                plant.Variables.Add((id, unit, initial));
                units[id] = unit;
            }
        }
    }

    private static void ReadDustCollectors(JsonObjectReader r, PlantDefinition plant, IdTable ids, Dictionary<string, Unit> units)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("dustCollectors"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            var kind = o.Choice("kind", s_collectorKinds, true) ?? DustCollectorKind.Dry;
            double dp = o.Number("dpPa", kind == DustCollectorKind.Dry, 0) ?? 0;
            double temp = o.Number("hopperTempC", kind == DustCollectorKind.Dry) ?? 0;
            double level = o.Number("levelMm", kind == DustCollectorKind.Wet, 0) ?? 0;
            double flow = o.Number("flowM3PerHour", kind == DustCollectorKind.Wet, 0) ?? 0;
            o.Done();
            if (id == null || !ids.Add(id, IdKind.Collector, path + ".id")) continue;
            plant.DustCollectors.Add((id, kind, dp, temp, level, flow));
            var dc = new DustCollector(id, kind, dp, temp, level, flow);
            foreach (var v in dc.Variables)
            {
                ids.Add(v.Id, IdKind.Variable, path);
                units[v.Id] = v.Unit;
            }
            if (dc.AirlockFault != null) ids.Add(dc.AirlockFault.Id, IdKind.Contact, path);
        }
    }

    private static void ReadBuses(JsonObjectReader r, PlantDefinition plant, IdTable ids)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("buses"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            int baud = o.Int("baud", true, 300, 1_000_000) ?? 9600;
            o.Done();
            if (id != null && ids.Add(id, IdKind.Bus, path + ".id")) plant.Buses.Add((id, baud));
        }
    }

    private static void ReadSensors(JsonObjectReader r, PlantDefinition plant, IdTable ids, Dictionary<string, Unit> units)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("sensors"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? measures = o.String("measures", true);
            Unit? unit = ReadUnit(o);
            double min = o.Number("rangeMin") ?? 0;
            double max = o.Number("rangeMax", true) ?? 100;
            if (max <= min) errors.Add(path + ".rangeMax", "must be above rangeMin");
            long t90 = o.DurationMs("t90") ?? 30_000;
            double noise = o.Number("noise", false, 0) ?? 0;
            double drift = o.Number("driftPerHour") ?? 0;
            long warm = o.DurationMs("warmUp") ?? 0;
            var iface = o.Choice("interface", s_interfaces) ?? SensorInterface.Analog;
            string? bus = o.String("bus", iface == SensorInterface.Modbus);
            int address = o.Int("address", iface == SensorInterface.Modbus, 1, 247) ?? 0;
            o.Done();
            if (measures != null && !ids.Is(measures, IdKind.Variable))
                errors.Add(path + ".measures", $"no gas or variable '{measures}' in the plant");
            if (bus != null && !ids.Is(bus, IdKind.Bus)) errors.Add(path + ".bus", $"no bus '{bus}' in plant.buses");
            Unit u = unit ?? (measures != null && units.TryGetValue(measures, out var mu) ? mu : Unit.None);
            if (measures != null && units.TryGetValue(measures, out var vu) && unit != null && vu != unit)
                errors.Add(path + ".unit", $"the sensor measures '{measures}' in {Units.Symbol(vu)}, not {Units.Symbol(unit.Value)}");
            if (id != null && measures != null && ids.Add(id, IdKind.Sensor, path + ".id"))
            {
                plant.Sensors.Add(new SensorSpec
                {
                    Id = id, Measures = measures, Unit = u, RangeMin = min, RangeMax = max, T90Ms = t90, NoiseSd = noise,
                    DriftPerHour = drift, WarmUpMs = warm, Interface = iface, Bus = bus, SlaveAddress = address,
                });
            }
        }
    }

    private static void ReadContacts(JsonObjectReader r, PlantDefinition plant, IdTable ids)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("contacts"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            var kind = o.Choice("kind", s_contactKinds) ?? ContactKind.Contact;
            bool active = o.Bool("active") ?? (kind != ContactKind.Contact);
            o.Done();
            if (id != null && ids.Add(id, IdKind.Contact, path + ".id")) plant.Contacts.Add((id, kind, active));
        }
    }

    private static void ReadRelays(JsonObjectReader r, PlantDefinition plant, IdTable ids)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("relays"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            o.Done();
            if (id != null && ids.Add(id, IdKind.Relay, path + ".id")) plant.Relays.Add(id);
        }
    }

    private static void ReadCardReaders(JsonObjectReader r, PlantDefinition plant, IdTable ids)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("cardReaders"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            o.Done();
            if (id != null && ids.Add(id, IdKind.CardReader, path + ".id")) plant.CardReaders.Add(id);
        }
    }

    private static void ReadWeldingMachines(JsonObjectReader r, PlantDefinition plant, IdTable ids, Dictionary<string, Unit> units)
    {
        var errors = r.Errors;
        foreach (var (e, path) in r.Array("weldingMachines"))
        {
            var o = new JsonObjectReader(e, path, errors);
            string? id = o.String("id", true);
            string? bus = o.String("bus", true);
            int address = o.Int("address", true, 1, 247) ?? 1;
            var codes = new List<string>();
            foreach (var (ce, cp) in o.Array("codes"))
            {
                if (ce.ValueKind == JsonValueKind.String && ce.GetString()!.Length is > 0 and <= 16) codes.Add(ce.GetString()!);
                else errors.Add(cp, "an identity code is a string of 1–16 ASCII characters");
            }
            if (codes.Count == 0) errors.Add(path + ".codes", "give the chip's identity code (and alternatives the timeline may select with {id}.codeIndex)");
            int model = o.Int("model", false, 0, 65535) ?? 400;
            string? relay = o.String("enableRelay", true);
            o.Done();
            if (bus != null && !ids.Is(bus, IdKind.Bus)) errors.Add(path + ".bus", $"no bus '{bus}' in plant.buses");
            if (relay != null && !ids.Is(relay, IdKind.Relay)) errors.Add(path + ".enableRelay", $"no relay '{relay}' in plant.relays");
            if (id == null || bus == null || relay == null || codes.Count == 0) continue;
            plant.WeldingMachines.Add((id, bus, address, codes.ToArray(), model, relay));
            foreach (var v in new[] { ".arcDemandA", ".tamper", ".codeIndex" })
            {
                ids.Add(id + v, IdKind.Variable, path);
                units[id + v] = v == ".arcDemandA" ? Unit.Amps : Unit.None;
            }
        }
    }


    private static Unit? ReadUnit(JsonObjectReader o)
    {
        string? s = o.String("unit");
        if (s == null) return null;
        if (Units.TryParse(s, out var u) && u != Unit.None) return u;
        var known = Enumerable.Range(1, 13).Select(i => Units.Symbol((Unit)i));
        o.Errors.Add(o.Sub("unit"), $"unknown unit '{s}' (one of {string.Join(", ", known)})");
        return null;
    }
}
