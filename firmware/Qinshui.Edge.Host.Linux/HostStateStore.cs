namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// state.json on disk, written so that no crash point loses a saved counter and no damage stops
/// the host (issue 15 #1, #2). A save writes state.json.tmp and fsyncs it, renames the current
/// state.json (when it is whole) to state.json.prev — the previous good copy — renames the temp
/// file to state.json and fsyncs the directory. A load takes state.json; when it is missing, the
/// complete temp file of a save cut between its two renames; when it is damaged, the previous
/// good copy; when nothing is usable, defaults. It never throws.
/// </summary>
public sealed class HostStateStore(IStateFiles files, string path)
{
    public string Path { get; } = path;
    public string PreviousPath => Path + ".prev";
    public string TempPath => Path + ".tmp";

    /// <summary>What was wrong when the load did not find a whole current state (empty otherwise).</summary>
    public string Damage { get; private set; } = "";

    public HostState Load(out StateRecovery recovery)
    {
        Damage = "";
        byte[]? current = files.TryRead(Path);
        HostState? s = HostState.TryParse(current);
        if (s != null)
        {
            recovery = StateRecovery.Current;
            return s;
        }
        if (current == null)
        {
            // Cut between "state.json → .prev" and ".tmp → state.json": the temp file was fsynced whole before either.
            HostState? cut = files.Exists(PreviousPath) ? HostState.TryParse(files.TryRead(TempPath)) : null;
            if (cut != null)
            {
                recovery = StateRecovery.Current;
                return cut;
            }
        }
        Damage = current == null ? $"{Path} is missing" : $"{Path} is damaged ({current.Length} bytes that are not a whole state)";
        HostState? previous = HostState.TryParse(files.TryRead(PreviousPath));
        if (previous != null)
        {
            recovery = StateRecovery.Previous;
            return previous;
        }
        if (current == null && !files.Exists(PreviousPath) && !files.Exists(TempPath))
        {
            Damage = "";
            recovery = StateRecovery.Fresh;
            return new HostState();
        }
        Damage += $"; {PreviousPath} is missing or damaged too";
        recovery = StateRecovery.Defaults;
        return new HostState();
    }

    public void Save(HostState state)
    {
        files.WriteAndSync(TempPath, state.ToJson());
        if (HostState.TryParse(files.TryRead(Path)) != null) files.Rename(Path, PreviousPath);
        files.Rename(TempPath, Path);
        files.SyncDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".");
    }
}
