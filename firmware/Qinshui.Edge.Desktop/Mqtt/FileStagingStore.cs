using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// The staging store of chunked configuration pushes as one file (qedge run: in the state
/// directory, as the device keeps it in flash). Each append is flushed to the disk; Discard
/// deletes the file, so nothing of an abandoned transfer survives a restart.
/// </summary>
public sealed class FileStagingStore(string path, int capacity) : IStagingStore
{
    public int Capacity { get; } = capacity;

    public bool Begin()
    {
        try
        {
            using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public bool Append(byte[] buffer, int offset, int count)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Append, FileAccess.Write);
            if (f.Length + count > Capacity) return false;
            f.Write(buffer, offset, count);
            f.Flush(true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public int Read(int position, byte[] buffer, int offset, int count)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read);
            f.Seek(position, SeekOrigin.Begin);
            return f.Read(buffer, offset, count);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Discard()
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Begin truncates it next time; a leftover file is never read without a complete transfer.
        }
    }
}
