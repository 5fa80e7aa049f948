using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>A throw-away Mosquitto on a free loopback port (anonymous, no persistence), for benchmarks.</summary>
public sealed class MosquittoProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private MosquittoProcess(Process p, string dir, int port)
    {
        _process = p;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>CPU time the broker has used so far (user + system), for load figures.</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <param name="extraConfig">Lines appended to the generated mosquitto.conf (e.g. a fleet run's in-flight window).</param>
    public static MosquittoProcess Start(string exe = "/usr/sbin/mosquitto", string extraConfig = "")
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        string dir = Directory.CreateTempSubdirectory("qedge-bench-mosq-").FullName;
        string conf = Path.Combine(dir, "mosquitto.conf");
        File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nuser {Environment.UserName}\nmax_queued_messages 100000\n" + extraConfig);
        var p = Process.Start(new ProcessStartInfo(exe, "-c " + conf) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (p.HasExited) throw new InvalidOperationException("mosquitto exited with " + p.ExitCode);
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return new MosquittoProcess(p, dir, port);
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
        p.Kill(true);
        throw new TimeoutException("mosquitto did not start listening");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
