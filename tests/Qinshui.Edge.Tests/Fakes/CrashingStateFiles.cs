using Qinshui.Edge.Host.Linux;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>Thrown by <see cref="CrashingStateFiles"/> at the armed step: the process "dies" there.</summary>
public sealed class SimulatedCrashException() : Exception("simulated crash (kill -9) between two file operations");

/// <summary>
/// A durable file system in memory whose writes can "crash": armed with n, the (n+1)-th operation
/// from then on dies — a write leaves half its bytes (torn), a rename does not happen — and every
/// operation after it throws until <see cref="Restart"/>. What is stored then is what a restart finds.
/// </summary>
public sealed class CrashingStateFiles : IStateFiles
{
    private readonly Dictionary<string, byte[]> _files = new();
    private int _opsUntilCrash = -1;

    public bool Crashed { get; private set; }

    /// <summary>Operations done since the last <see cref="Arm"/>.</summary>
    public int Operations { get; private set; }

    /// <summary>Called once, at the crash.</summary>
    public Action? OnCrash { get; set; }

    public void Arm(int operationsBeforeCrash)
    {
        _opsUntilCrash = operationsBeforeCrash;
        Operations = 0;
    }

    public void Restart()
    {
        Crashed = false;
        _opsUntilCrash = -1;
    }

    public void Put(string path, byte[] bytes) => _files[path] = bytes;

    public byte[]? Get(string path) => _files.TryGetValue(path, out var b) ? b : null;

    public byte[]? TryRead(string path)
    {
        Step(null);
        return Get(path)?.ToArray();
    }

    public bool Exists(string path)
    {
        Step(null);
        return _files.ContainsKey(path);
    }

    public void WriteAndSync(string path, byte[] bytes) => Step(() => _files[path] = bytes.ToArray(), () => _files[path] = bytes[..(bytes.Length / 2)]);

    public void Rename(string from, string to) => Step(() =>
    {
        if (!_files.Remove(from, out var b)) throw new IOException($"{from} does not exist");
        _files[to] = b;
    });

    public void SyncDirectory(string directory) => Step(null);

    private void Step(Action? action, Action? torn = null)
    {
        if (Crashed) throw new SimulatedCrashException();
        if (_opsUntilCrash >= 0 && Operations == _opsUntilCrash)
        {
            torn?.Invoke();
            Crashed = true;
            OnCrash?.Invoke();
            throw new SimulatedCrashException();
        }
        Operations++;
        action?.Invoke();
    }
}
