using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Qinshui.Edge.Core.Memory;

namespace Qinshui.Edge.Tests.Memory;

/// <summary>
/// Measures the static heap of a live core object graph as nanoFramework would lay it out:
/// walks every object reachable through instance fields from a root (each once, by reference)
/// and costs it with <see cref="NanoHeapCosts"/> — a class as one block per instance field, a
/// struct held in a field or an array as a boxed copy, a primitive array packed, a string as
/// UTF-8. Each object is charged to a part named from its type's namespace
/// (Qinshui.Edge.Core.Modbus → "modbus"); objects the host supplies (ports: fakes, the store,
/// the MQTT link) are left out by type. Static fields are not walked (profile catalogue,
/// lookup tables: they sit in the assembly's static heap, the same for every configuration).
/// </summary>
internal sealed class NanoHeapWalker
{
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Func<object, bool> _exclude;

    public NanoHeapWalker(Func<object, bool> exclude) => _exclude = exclude;

    /// <summary>Bytes per part, and per (part, type) for the printout.</summary>
    public Dictionary<string, int> Parts { get; } = new();
    public Dictionary<(string part, string type), int> Types { get; } = new();

    public int Total => Parts.Values.Sum();

    public void Walk(object root)
    {
        var stack = new Stack<(object obj, string? owner)>();
        stack.Push((root, null));
        while (stack.Count > 0)
        {
            var (o, owner) = stack.Pop();
            if (o is Pointer || o is Delegate || o is Type || o is MemberInfo) continue;
            if (!_seen.Add(o) || _exclude(o)) continue;
            Type t = o.GetType();
            string part = PartOf(t, owner);
            if (o is string s)
            {
                Charge(part, "string", NanoHeapCosts.String(System.Text.Encoding.UTF8.GetByteCount(s)));
                continue;
            }
            if (o is Array a)
            {
                Type e = t.GetElementType()!;
                if (IsPrimitiveLike(e)) Charge(part, t.Name, NanoHeapCosts.PrimitiveArray(a.Length, SizeOf(e)));
                else if (e.IsValueType)
                {
                    Charge(part, t.Name, NanoHeapCosts.ArrayHeaderBytes + a.Length * NanoHeapCosts.HeapBlockBytes);
                    foreach (var item in a) ChargeStruct(part, item!, stack);
                }
                else
                {
                    Charge(part, t.Name, NanoHeapCosts.ReferenceArray(a.Length));
                    foreach (var item in a) if (item != null) stack.Push((item, part));
                }
                continue;
            }
            if (o is ArrayList list)
            {
                // nanoFramework's ArrayList: the object (items, size) and an object[] of its capacity.
                Charge(part, "ArrayList", NanoHeapCosts.Object(2) + NanoHeapCosts.ReferenceArray(list.Capacity));
                foreach (var item in list) if (item != null) stack.Push((item, part));
                continue;
            }
            ChargeObject(part, o, stack);
        }
    }

    private void ChargeObject(string part, object o, Stack<(object, string?)> stack)
    {
        var fields = Fields(o.GetType());
        Charge(part, o.GetType().Name, NanoHeapCosts.Object(fields.Length));
        foreach (var f in fields) FollowField(part, f, f.GetValue(o), stack);
    }

    private void ChargeStruct(string part, object boxed, Stack<(object, string?)> stack)
    {
        var fields = Fields(boxed.GetType());
        Charge(part, boxed.GetType().Name, NanoHeapCosts.BoxedStruct(fields.Length));
        foreach (var f in fields) FollowField(part, f, f.GetValue(boxed), stack);
    }

    private void FollowField(string part, FieldInfo f, object? value, Stack<(object, string?)> stack)
    {
        if (value == null) return;
        Type ft = f.FieldType;
        if (IsPrimitiveLike(ft)) return; // inside the field's own block
        if (ft.IsValueType) ChargeStruct(part, value, stack); // a struct field: a block pointing to a boxed copy
        else stack.Push((value, part));
    }

    private void Charge(string part, string type, int bytes)
    {
        Parts[part] = Parts.GetValueOrDefault(part) + bytes;
        Types[(part, type)] = Types.GetValueOrDefault((part, type)) + bytes;
    }

    private static FieldInfo[] Fields(Type t)
    {
        var list = new List<FieldInfo>();
        for (Type? x = t; x != null && x != typeof(object) && x != typeof(ValueType); x = x.BaseType)
            list.AddRange(x.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        return list.ToArray();
    }

    private static bool IsPrimitiveLike(Type t) => t.IsPrimitive || t.IsEnum;

    private static int SizeOf(Type t)
    {
        if (t.IsEnum) t = Enum.GetUnderlyingType(t);
        return t == typeof(bool) || t == typeof(byte) || t == typeof(sbyte) ? 1
            : t == typeof(short) || t == typeof(ushort) || t == typeof(char) ? 2
            : t == typeof(long) || t == typeof(ulong) || t == typeof(double) ? 8 : 4;
    }

    /// <summary>"modbus" for Qinshui.Edge.Core.Modbus.*; strings and arrays go to the part of the object holding them.</summary>
    private static string PartOf(Type t, string? owner)
    {
        if (t.IsArray || t == typeof(string) || !(t.Namespace ?? "").StartsWith("Qinshui.Edge.Core")) return owner ?? "other";
        string ns = t.Namespace!;
        string last = (ns.Length > "Qinshui.Edge.Core.".Length ? ns.Substring("Qinshui.Edge.Core.".Length) : "core").ToLowerInvariant();
        // Helpers (a JsonWriter, a SHA-256 state) belong to the part whose buffer they serve.
        return (last == "json" || last == "util" || last == "crypto") && owner != null ? owner : last;
    }
}
