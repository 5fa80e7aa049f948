using System.Runtime.InteropServices;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// Writes a file so a reader never sees half of it: a hidden temporary file in the same folder,
/// flushed to disk, then renamed over the target (rename is atomic within a file system), then the
/// folder itself flushed so the rename survives a power cut.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            f.Write(content);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        FlushDirectory(dir);
    }

    /// <summary>fsync of the folder: .NET refuses to open a directory as a file, so libc's open/fsync directly.</summary>
    /// <returns>false where it could not be done (Windows journals the rename itself; a file system that refuses).</returns>
    public static bool FlushDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        int fd = Open(dir, 0 /* O_RDONLY */);
        if (fd < 0) return false;
        try
        {
            return Fsync(fd) == 0;
        }
        finally
        {
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
