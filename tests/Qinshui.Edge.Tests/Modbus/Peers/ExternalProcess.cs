using System.Diagnostics;

namespace Qinshui.Edge.Tests.Modbus.Peers;

/// <summary>A peer process whose output is collected (for failure messages) and which is killed on Dispose.</summary>
public sealed class ExternalProcess : IDisposable
{
    private readonly Process _p;
    private readonly System.Text.StringBuilder _out = new();

    public ExternalProcess(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _p = Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) => { lock (_out) _out.AppendLine(e.Data); };
        _p.ErrorDataReceived += (_, e) => { lock (_out) _out.AppendLine(e.Data); };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    public string Output { get { lock (_out) return _out.ToString(); } }
    public bool HasExited => _p.HasExited;
    public int ExitCode => _p.ExitCode;

    public bool WaitForExit(TimeSpan limit)
    {
        if (!_p.WaitForExit((int)limit.TotalMilliseconds)) return false;
        _p.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        try
        {
            if (!_p.HasExited) _p.Kill(true);
            _p.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _p.Dispose();
    }

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Qinshui.Edge.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }
}
