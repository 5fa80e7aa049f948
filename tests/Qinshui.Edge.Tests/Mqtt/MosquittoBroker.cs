using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// A Mosquitto started by a test on a free loopback port with a temp config (optionally TLS with
/// the test PKI, a password file and an ACL file). Can be killed (SIGKILL, like a crash or a
/// power loss of the broker host) and restarted on the same port. Dispose kills it and deletes
/// the temp directory.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _exe;
    private readonly string _conf;
    private Process? _process;

    public MosquittoBroker(TestPki? pki = null, IReadOnlyDictionary<string, string>? users = null, string? acl = null)
    {
        _exe = Peers.Mosquitto;
        Dir = Directory.CreateTempSubdirectory("qedge-mosq-").FullName;
        Port = Peers.FreeTcpPort();
        var c = new StringBuilder();
        c.AppendLine("per_listener_settings false");
        c.AppendLine("persistence false");
        c.AppendLine("log_dest stderr");
        // Started as root, mosquitto would drop to user "mosquitto", which cannot read our 0700 temp dir.
        c.AppendLine("user " + Environment.UserName);
        c.AppendLine($"listener {Port} 127.0.0.1");
        if (users != null)
        {
            string pw = Path.Combine(Dir, "passwd");
            File.WriteAllLines(pw, users.Select(u => u.Key + ":" + HashPassword(u.Value)));
            c.AppendLine("allow_anonymous false");
            c.AppendLine($"password_file {pw}");
        }
        else
        {
            c.AppendLine("allow_anonymous true");
        }
        if (acl != null)
        {
            string a = Path.Combine(Dir, "acl");
            File.WriteAllText(a, acl);
            c.AppendLine($"acl_file {a}");
        }
        if (pki != null)
        {
            pki.WriteBrokerFiles(Dir);
            c.AppendLine($"cafile {Path.Combine(Dir, "ca.pem")}");
            c.AppendLine($"certfile {Path.Combine(Dir, "server.pem")}");
            c.AppendLine($"keyfile {Path.Combine(Dir, "server.key")}");
            c.AppendLine("require_certificate true");
            c.AppendLine("tls_version tlsv1.2");
        }
        _conf = Path.Combine(Dir, "mosquitto.conf");
        File.WriteAllText(_conf, c.ToString());
        Start();
    }

    /// <summary>A Mosquitto on the given port running configText (its listener lines included), with the test's own settings before it.</summary>
    public MosquittoBroker(string dir, int port, string configText)
    {
        _exe = Peers.Mosquitto;
        Dir = dir;
        Port = port;
        _conf = Path.Combine(Dir, "test-mosquitto.conf");
        File.WriteAllText(_conf, $"persistence false\nlog_dest stderr\nuser {Environment.UserName}\n" + configText);
        _ownsDir = false;
        Start();
    }

    private readonly bool _ownsDir = true;

    public string Dir { get; }
    public int Port { get; }
    public bool Running => _process is { HasExited: false };

    /// <summary>Mosquitto's password hash "$6$salt$sha512(password‖salt)" (both base64), accepted by 2.x.</summary>
    private static string HashPassword(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(12);
        byte[] hash = SHA512.HashData([.. Encoding.UTF8.GetBytes(password), .. salt]);
        return "$6$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    public void Start()
    {
        var psi = new ProcessStartInfo(_exe, $"-c {_conf}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (Log) Log.Add(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        // Bounded wait for the listener (a condition on a real process, not a fixed sleep).
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited) throw new InvalidOperationException("mosquitto exited: " + string.Join("\n", Log));
            try
            {
                using var tcp = new TcpClient();
                tcp.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
        throw new TimeoutException("mosquitto did not listen on " + Port + ": " + string.Join("\n", Log));
    }

    public List<string> Log { get; } = new();

    /// <summary>SIGKILL: no clean shutdown, sockets drop.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(true);
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        if (_ownsDir) try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
