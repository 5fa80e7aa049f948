namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// The few file operations the host's durable state needs, one call per step so a test can
/// "crash" between any two of them (tests/…/Fakes/CrashingStateFiles).
/// </summary>
public interface IStateFiles
{
    /// <summary>The file's bytes, or null when it does not exist or cannot be read.</summary>
    byte[]? TryRead(string path);

    bool Exists(string path);

    /// <summary>Creates or truncates the file, writes the bytes and fsyncs it.</summary>
    void WriteAndSync(string path, byte[] bytes);

    /// <summary>Renames, replacing the target (atomic on one POSIX file system).</summary>
    void Rename(string from, string to);

    /// <summary>fsyncs the directory so the renames in it are durable.</summary>
    void SyncDirectory(string directory);
}
