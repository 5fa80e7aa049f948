using System.Runtime.InteropServices;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// <see cref="IStateFiles"/> on the real file system: fsync through FileStream.Flush(true), and
/// the directory's fsync through open(2)/fsync(2) (POSIX: a rename is durable only once its
/// directory is synced; .NET has no call for that).
/// </summary>
public sealed class DiskStateFiles : IStateFiles
{
    public static readonly DiskStateFiles Instance = new();

    public byte[]? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool Exists(string path) => File.Exists(path);

    public void WriteAndSync(string path, byte[] bytes)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        f.Write(bytes, 0, bytes.Length);
        f.Flush(true);
    }

    public void Rename(string from, string to) => File.Move(from, to, overwrite: true);

    public void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows: NTFS journals renames itself
        int fd = Open(directory.Length == 0 ? "." : directory, 0 /* O_RDONLY: enough to fsync a directory */);
        if (fd < 0) throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
