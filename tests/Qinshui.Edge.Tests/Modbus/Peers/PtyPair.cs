using System.Diagnostics;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Modbus.Peers;

/// <summary>
/// Two connected ptys from socat (a virtual null-modem cable) in a fresh temp dir; ignoreeof
/// keeps the pair alive when one side is closed and opened again (qedge commands in-process). Waits
/// (bounded) for both links; kills socat and removes the dir on Dispose.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;

    public PtyPair()
    {
        string socat = Fakes.Peers.Socat;
        Dir = Directory.CreateTempSubdirectory("qedge-pty-").FullName;
        A = Path.Combine(Dir, "a");
        B = Path.Combine(Dir, "b");
        _socat = Process.Start(new ProcessStartInfo(socat, $"-d -d pty,raw,echo=0,ignoreeof,link={A} pty,raw,echo=0,ignoreeof,link={B}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        WaitFor(() => File.Exists(A) && File.Exists(B), TimeSpan.FromSeconds(10), "socat did not create the pty links");
    }

    public string Dir { get; }
    public string A { get; }
    public string B { get; }

    public static void WaitFor(Func<bool> condition, TimeSpan limit, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > limit) throw new TimeoutException(what + " within " + limit.TotalSeconds + " s");
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited) _socat.Kill(true);
            _socat.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _socat.Dispose();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
