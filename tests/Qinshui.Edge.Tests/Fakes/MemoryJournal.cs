using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// In-memory journal behind IJournalWriter: keeps copies of appended records (or, with
/// keepRecords false, only counts them so that allocation tests measure the core alone).
/// Fail makes Append refuse, as a full or broken journal would.
/// </summary>
public sealed class MemoryJournal : IJournalWriter
{
    private readonly bool _keepRecords;

    public MemoryJournal(bool keepRecords = true) => _keepRecords = keepRecords;

    public List<(RecordClass Class, byte[] Payload)> Records { get; } = new();
    public bool Fail { get; set; }
    public long Appended { get; private set; }

    public bool Append(RecordClass recordClass, byte[] payload, int offset, int count)
    {
        if (Fail) return false;
        Appended++;
        if (_keepRecords) Records.Add((recordClass, payload.AsSpan(offset, count).ToArray()));
        return true;
    }

    public IEnumerable<string> Texts => Records.Select(r => System.Text.Encoding.UTF8.GetString(r.Payload));

    public IEnumerable<System.Text.Json.JsonElement> Events =>
        Records.Select(r => System.Text.Json.JsonDocument.Parse(r.Payload).RootElement);

    public IEnumerable<System.Text.Json.JsonElement> OfKind(string kind) =>
        Events.Where(e => e.GetProperty("kind").GetString() == kind);
}
