using Qinshui.Edge.Desktop.Platform;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Serial;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Host.Linux;

/// <param name="BrokerOverride">mqtt[s]://host:port instead of the configuration's broker (bench tests, a local broker).</param>
/// <param name="BundleDir">A provisioning bundle (ca.pem, client.pem, client.key, hmac.key) for TLS and the key.</param>
/// <param name="Hardware">Where GPIO, I2C and SPI come from; null = this Linux machine's /dev (tests give emulated chips).</param>
public sealed record HostOptions(string ConfigFile, string StateDir, byte[]? Key = null, string? BrokerOverride = null, string? BundleDir = null,
    int GpioChip = 0, int ScanIntervalMs = 10, HostHardware? Hardware = null, IStateFiles? StateFiles = null);

/// <summary>
/// Runs the gateway's core on a Linux machine: the same GatewayRuntime as the ESP32 with the
/// desktop adapters. Refuses to start when a port the configuration names is missing. On stop
/// (Ctrl-C, SIGTERM) the outputs are de-energised first, then the state is saved.
/// A configuration accepted over MQTT (update_config or config_chunk) is applied as the ESP32
/// does: stored as the candidate in the state directory, then — after a short delay so the reply
/// reaches the platform — outputs dropped and the gateway restarted on it (boot + 1). A candidate
/// this host cannot run is refused at that restart and the previous configuration runs again.
/// The pushed configuration then stays in force across restarts until the --config file itself
/// changes (a technician's edit wins over an older push).
/// </summary>
public static class GatewayHost
{
    public const string StateFile = "state.json";
    public const string JournalFile = "journal.bin";
    public const string KeyFile = "hmac.key";
    public const string StagingFile = "config.staging";
    /// <summary>A configuration accepted over MQTT, waiting for the restart that applies it.</summary>
    public const string CandidateFile = "config.candidate.json";
    /// <summary>The pushed configuration running (or last run) on this host.</summary>
    public const string PushedFile = "config.pushed.json";
    /// <summary>After accepting a configuration, keep running this long so the reply reaches the platform (as the ESP32 does).</summary>
    public const int ConfigRestartDelayMs = 3000;

    private const int ExitRestart = -1;

    public static int Run(HostOptions o, ILoggerFactory loggers, CancellationToken stop, Action<GatewayRuntime>? started = null)
    {
        var log = loggers.CreateLogger("qedge.run");
        Directory.CreateDirectory(o.StateDir);
        while (true)
        {
            string file = ChooseConfig(o, log, out bool candidate);
            int exit = RunOnce(o, file, candidate, loggers, stop, started);
            if (candidate && exit != 0 && exit != ExitRestart)
            {
                // The host could not run the pushed configuration: refuse it, run the previous one.
                File.Delete(Path.Combine(o.StateDir, CandidateFile));
                log.LogError("the configuration pushed over MQTT cannot run on this host (above); restarting on the previous one");
                continue;
            }
            if (exit != ExitRestart) return exit;
            if (stop.IsCancellationRequested) return 0;
            log.LogWarning("restarting to apply the configuration accepted over MQTT");
        }
    }

    /// <summary>Candidate, else the pushed configuration while the --config file is unchanged since the push, else the file.</summary>
    private static string ChooseConfig(HostOptions o, ILogger log, out bool candidate)
    {
        candidate = false;
        string cand = Path.Combine(o.StateDir, CandidateFile);
        if (File.Exists(cand))
        {
            candidate = true;
            log.LogInformation("starting on the configuration accepted over MQTT ({File})", cand);
            return cand;
        }
        string pushed = Path.Combine(o.StateDir, PushedFile);
        var state = HostState.Load(Path.Combine(o.StateDir, StateFile));
        if (File.Exists(pushed))
        {
            if (state.PushedOverFileHash == FileHash(o.ConfigFile))
            {
                log.LogInformation("running the configuration pushed over MQTT (counter {Counter}, {File}) instead of {Config}, which is unchanged since",
                    state.PushedConfigCounter, pushed, o.ConfigFile);
                return pushed;
            }
            log.LogWarning("{Config} changed since a configuration was pushed over MQTT: running the file; the pushed one is set aside", o.ConfigFile);
            File.Move(pushed, pushed + ".old", overwrite: true);
        }
        return o.ConfigFile;
    }

    private static string FileHash(string file) => File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : "";

    private static int RunOnce(HostOptions o, string configFile, bool isCandidate, ILoggerFactory loggers, CancellationToken stop, Action<GatewayRuntime>? started)
    {
        var log = loggers.CreateLogger("qedge.run");
        var loaded = ConfigFiles.Load(configFile);
        if (loaded.Config is not { } config)
        {
            foreach (var e in ConfigFiles.All(loaded.Errors).Where(e => !e.IsWarning)) log.LogError("{File}: {Path}: {Message}", configFile, e.Path, e.English);
            log.LogError("the configuration is invalid: not starting (outputs untouched)");
            return 1;
        }
        byte[] key = o.Key ?? LoadKey(o, log);
        MqttNetLink? link = null;
        using var clock = new ClockHolder(new StopwatchClock());
        using var journal = new FileRecordStore(Path.Combine(o.StateDir, JournalFile), 64, 16384);
        if (journal.Problem != null) log.LogWarning("{Problem}", journal.Problem);
        var stateStore = new HostStateStore(o.StateFiles ?? DiskStateFiles.Instance, Path.Combine(o.StateDir, StateFile));
        var keeper = HostStateKeeper.Open(stateStore, journal, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), log);
        var state = keeper.State;
        if (!keeper.Save())
        {
            log.LogError("cannot save the host state in {Dir}: not starting (outputs untouched)", o.StateDir);
            return 1;
        }
        if (config.Mqtt.Enabled)
        {
            string url = o.BrokerOverride ?? config.Mqtt.BrokerUrl;
            if (url.Length == 0) log.LogWarning("mqtt.enabled but no broker: running without the platform link");
            else link = CreateLink(url, config.SiteId, config.GatewayId, o.BundleDir, config.Mqtt.Username, key, log);
            if (link == null && url.Length > 0) return 1;
        }
        using var ports = new DesktopPorts(config, clock.Clock, new LoggerSink(loggers.CreateLogger("qedge.core")), link, journal, o.GpioChip,
            o.Hardware, loggers);
        ports.ConfigStaging = new FileStagingStore(Path.Combine(o.StateDir, StagingFile), Qinshui.Edge.Core.Config.SignedEnvelope.MaxEnvelopeBytes);
        try
        {
            if (ports.Problems.Count > 0)
            {
                foreach (var p in ports.Problems) log.LogError("{Problem}", p);
                log.LogError("this host cannot run {Gateway}: {Count} port(s) missing; not starting", config.GatewayId, ports.Problems.Count);
                return 1;
            }
            var boot = keeper.Boot(key, typeof(GatewayHost).Assembly.GetName().Version?.ToString() ?? "0");
            ports.StartDevices();
            var runtime = new GatewayRuntime(config, ports, boot);
            // A push is answered only after the checks its restart would make: board pins, then the devices it names.
            runtime.RemoteUpdates.HostCheck = HostConfigCheck.For(o.GpioChip, (o.Hardware ?? HostHardware.Linux).DeviceExists);
            keeper.Attach(runtime);
            if (keeper.Recovery is StateRecovery.Previous or StateRecovery.Defaults) ReportDamage(runtime, stateStore.Damage, keeper.Recovery, state.LastCommandCounter);
            // The last will carries the common header (issue 15 #10): asked of the session before every connect.
            if (link != null) link.WillSource = () => WillOf(runtime);
            link?.Start();
            runtime.AcceptConfigsAbove(state.PushedConfigCounter);
            if (!runtime.IsOperational)
            {
                ports.DropOutputs();
                log.LogError("gateway not operational: {Reason}", runtime.Failure);
                return 1;
            }
            if (isCandidate)
            {
                // It runs here: it becomes the pushed configuration in force.
                File.Move(configFile, Path.Combine(o.StateDir, PushedFile), overwrite: true);
                state.PushedConfigCounter = state.CandidateConfigCounter;
                state.PushedOverFileHash = FileHash(o.ConfigFile);
                keeper.Save();
                log.LogInformation("configuration {Hash} (counter {Counter}) accepted over MQTT is now in force", config.Hash, state.PushedConfigCounter);
            }
            log.LogInformation("gateway {Site}/{Gateway} running (boot {Boot}, config sha256 {Hash}, {Channels} channels, {Buses} buses, {Zones} zones)",
                config.SiteId, config.GatewayId, state.BootCounter, config.Hash, config.Channels.Length, config.Buses.Length, config.Interlocks.Zones.Length);
            started?.Invoke(runtime);
            var service = new ServiceNotifier();
            runtime.Scan();
            service.Ready($"gateway {config.SiteId}/{config.GatewayId} running, boot {state.BootCounter}");
            using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(o.ScanIntervalMs)))
            {
                long lastSave = Environment.TickCount64;
                long restartAt = long.MaxValue;
                long handledCounter = state.PushedConfigCounter;
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        runtime.Scan();
                        keeper.AfterScan();
                        service.Scanned(Environment.TickCount64);
                        if (link != null) runtime.Health.CommandsDropped = link.Inbox.Dropped;
                        if (Environment.TickCount64 - lastSave > 10_000)
                        {
                            keeper.Save();
                            lastSave = Environment.TickCount64;
                        }
                        if (restartAt == long.MaxValue && runtime.PendingConfig is { } body && runtime.PendingConfigCounter > handledCounter)
                        {
                            handledCounter = runtime.PendingConfigCounter;
                            string cand = Path.Combine(o.StateDir, CandidateFile);
                            File.WriteAllBytes(cand + ".tmp", body);
                            File.Move(cand + ".tmp", cand, overwrite: true);
                            state.CandidateConfigCounter = handledCounter;
                            keeper.Save();
                            restartAt = Environment.TickCount64 + ConfigRestartDelayMs;
                            log.LogWarning("configuration (counter {Counter}) accepted over MQTT: restarting on it in {Delay} ms", handledCounter, ConfigRestartDelayMs);
                        }
                        if (Environment.TickCount64 >= restartAt)
                        {
                            ports.DropOutputs();
                            log.LogInformation("restart for a new configuration: every output de-energised");
                            keeper.Save();
                            return ExitRestart;
                        }
                        if (!timer.WaitForNextTickAsync(stop).AsTask().GetAwaiter().GetResult()) break;
                    }
                }
                catch (OperationCanceledException)
                {
                    // Stop requested between scans.
                }
            }
            // Outputs first: whatever follows (saving, closing the link) may fail or hang.
            ports.DropOutputs();
            service.Stopping();
            log.LogInformation("stopping: every output de-energised");
            keeper.Save();
            log.LogInformation("state saved ({Scans} scans, command counter {Counter})", runtime.Health.ScanCount, state.LastCommandCounter);
            return 0;
        }
        finally
        {
            ports.DropOutputs();
            link?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The platform learns of the damage (and of the chain break it may cause) from the event log.</summary>
    private static void ReportDamage(GatewayRuntime runtime, string damage, StateRecovery recovery, long floor)
    {
        string from = recovery == StateRecovery.Previous ? "the previous good copy" : "safe defaults";
        string fromZh = recovery == StateRecovery.Previous ? "上一份完好的副本" : "安全默认值";
        runtime.Record("host_state_restored", Qinshui.Edge.Core.Mqtt.EventSeverity.Warning, "state.json",
            damage + "; started from " + from + "; commands with a counter up to " + floor + " are refused",
            "状态文件损坏或丢失；已从" + fromZh + "启动；计数器不大于 " + floor + " 的命令将被拒绝");
    }

    private static byte[] LoadKey(HostOptions o, ILogger log)
    {
        foreach (var file in new[] { o.BundleDir != null ? Path.Combine(o.BundleDir, KeyFile) : null, Path.Combine(o.StateDir, KeyFile) })
        {
            if (file != null && File.Exists(file)) return KeyMaterial.Parse("@" + file);
        }
        byte[] key = RandomNumberGenerator.GetBytes(32);
        SiteCertificates.WritePrivate(Path.Combine(o.StateDir, KeyFile), Convert.ToHexStringLower(key) + "\n");
        log.LogWarning("no HMAC key given: generated one in {File}; commands and permits must be signed with it", Path.Combine(o.StateDir, KeyFile));
        return key;
    }

    private static byte[]? WillOf(GatewayRuntime runtime)
    {
        if (runtime.Session == null) return null;
        var buffer = new byte[256];
        return buffer[..runtime.Session.WriteWill(buffer)];
    }

    private static MqttNetLink? CreateLink(string url, string site, string gateway, string? bundle, string? username, byte[] key, ILogger log)
    {
        var uri = new Uri(url);
        var topics = new MqttTopics(site, gateway);
        var options = new MqttLinkOptions
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : uri.Scheme == "mqtts" ? 8883 : 1883,
            ClientId = site + "/" + gateway,
            Username = username,
            CommandTopic = topics.Topic(MessageKind.Cmd),
            WillTopic = topics.Topic(MessageKind.State),
            WillPayload = "{\"state\":\"offline\"}"u8.ToArray(),
            CommandKey = key, // a reserved receive lane for signed commands: a flood cannot crowd them out
        };
        if (uri.Scheme == "mqtts")
        {
            if (bundle == null)
            {
                log.LogError("{Url} needs TLS: give --bundle DIR (ca.pem, client.pem, client.key from qedge provision)", url);
                return null;
            }
            options.TrustedCa = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(bundle, "ca.pem")));
            options.ClientCertificate = X509Certificate2.CreateFromPemFile(Path.Combine(bundle, "client.pem"), Path.Combine(bundle, "client.key"));
        }
        options.Validate();
        return new MqttNetLink(options);
    }

    /// <summary>Keeps the clock object alive with a using (nothing to dispose; keeps the shape of the other ports).</summary>
    private sealed class ClockHolder(StopwatchClock clock) : IDisposable
    {
        public StopwatchClock Clock { get; } = clock;
        public void Dispose() { }
    }
}
