using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Plant ids seen so far, for duplicate and reference checks.</summary>
public sealed class IdTable(ScenarioErrors errors)
{
    private readonly Dictionary<string, IdKind> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _properties = new(StringComparer.Ordinal);

    public bool Add(string id, IdKind kind, string path)
    {
        if (id.Length == 0)
        {
            errors.Add(path, "must not be empty");
            return false;
        }
        if (!_ids.TryAdd(id, kind))
        {
            errors.Add(path, $"id '{id}' is already used in the plant");
            return false;
        }
        return true;
    }

    public void SetProperties(string id, string[] properties) => _properties[id] = properties;

    public bool Is(string id, IdKind kind) => _ids.TryGetValue(id, out var k) && k == kind;

    public bool PropertyOk(string variable, string property, out string known)
    {
        if (!_properties.TryGetValue(variable, out var props))
            props = new[] { SetPointVariable.ValueProperty };
        known = string.Join(", ", props);
        return props.Contains(property);
    }
}
