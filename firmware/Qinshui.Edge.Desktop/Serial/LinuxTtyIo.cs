using System.Runtime.InteropServices;

namespace Qinshui.Edge.Desktop.Serial;

/// <summary>
/// Reads and writes a Linux tty through a non-blocking descriptor of its own, after SerialPort has
/// set baud rate, parity and raw mode (termios belongs to the device, not the descriptor). .NET's
/// Unix SerialStream hands bytes over through its own I/O thread, so a read right after FIONREAD
/// reports bytes often times out and a transaction waits a further round of that thread: qedge
/// reached 0.03–0.1× mbpoll's transactions per second on a pty (issue 16). read(2) on an
/// O_NONBLOCK descriptor returns what the kernel holds, at once.
/// </summary>
internal sealed class LinuxTtyIo : IDisposable
{
    private const int O_RDWR = 2;
    private const int O_NOCTTY = 0x100;
    private const int O_NONBLOCK = 0x800;
    private const int EAGAIN = 11;
    private const int EINTR = 4;

    private int _fd;

    private LinuxTtyIo(int fd) => _fd = fd;

    /// <summary>A descriptor for the tty, or null where this is not Linux or the open fails (the caller keeps SerialPort's I/O).</summary>
    public static LinuxTtyIo? TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
            return fd < 0 ? null : new LinuxTtyIo(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (count <= 0) return 0;
        while (true)
        {
            nint n = read(_fd, ref buffer[offset], count);
            if (n >= 0) return (int)n;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return 0;
            throw new IOException($"read from the serial line failed (errno {errno})");
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        int done = 0;
        while (done < count)
        {
            nint n = write(_fd, ref buffer[offset + done], count - done);
            if (n > 0) { done += (int)n; continue; }
            int errno = Marshal.GetLastPInvokeError();
            if (n < 0 && errno != EAGAIN && errno != EINTR) throw new IOException($"write to the serial line failed (errno {errno})");
            Thread.Yield();
        }
    }

    /// <summary>Blocks until bytes can be read or timeoutMs passes (poll(2)): waiting without spinning leaves the CPU to the peer.</summary>
    public void WaitReadable(int timeoutMs)
    {
        var p = new PollFd { Fd = _fd, Events = POLLIN };
        poll(ref p, 1, timeoutMs);
    }

    public void Dispose()
    {
        if (_fd >= 0) close(_fd);
        _fd = -1;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);

    private const short POLLIN = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollFd fds, nuint count, int timeoutMs);
}
