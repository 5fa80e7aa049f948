using System.Net;
using System.Net.Sockets;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// Real peers (Mosquitto, socat, mbpoll, pymodbus) used by interop tests. On a developer's
/// machine a missing peer skips the test and says which package to install; under CI=true it
/// fails, because .ci/run installs them. Use with [SkippableFact].
/// </summary>
public static class Peers
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string SystemPython = "/usr/bin/python3";

    public static string Mosquitto => Require("mosquitto", "mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto");
    public static string MosquittoSub => Require("mosquitto_sub", "mosquitto-clients", "/usr/bin/mosquitto_sub");
    public static string MosquittoPub => Require("mosquitto_pub", "mosquitto-clients", "/usr/bin/mosquitto_pub");
    public static string Socat => Require("socat", "socat", "/usr/bin/socat");
    public static string Mbpoll => Require("mbpoll", "mbpoll", "/usr/bin/mbpoll");
    public static string Chromium => Require("chromium", "chromium", "/usr/bin/chromium");
    public static string ChromeDriver => Require("chromedriver", "chromium-driver", "/usr/bin/chromedriver");

    /// <summary>/usr/bin/python3 with pymodbus importable (Debian python3-pymodbus).</summary>
    public static string PythonWithPymodbus
    {
        get
        {
            bool ok = File.Exists(SystemPython) && RunQuiet(SystemPython, "-c \"import pymodbus\"") == 0;
            Unavailable(ok, "pymodbus (apt-get install python3-pymodbus; run with /usr/bin/python3)");
            return SystemPython;
        }
    }

    private static string Require(string name, string package, params string[] candidates)
    {
        string? found = candidates.FirstOrDefault(File.Exists);
        Unavailable(found != null, $"{name} (apt-get install {package})");
        return found!;
    }

    private static void Unavailable(bool present, string what)
    {
        if (present) return;
        if (UnderCi) throw new InvalidOperationException($"peer missing under CI=true: {what}; .ci/run should have installed it");
        Skip.If(true, $"peer missing: {what}");
    }

    private static int RunQuiet(string file, string args)
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            if (!p.WaitForExit(20000))
            {
                p.Kill(true);
                return -1;
            }
            return p.ExitCode;
        }
        catch (Exception)
        {
            return -1;
        }
    }

    /// <summary>A free TCP port on loopback (bound and released; the caller binds it next).</summary>
    public static int FreeTcpPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
