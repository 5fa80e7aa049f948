using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// Keeps state.json in step with what anti-replay and the event chain depend on (issue 15 #1):
/// the command counter is saved durably before a command takes effect (the core asks through
/// <see cref="ICommandCounterStore"/>), the chain head right after each event is journalled and
/// before anything publishes it (<see cref="IEventChainStore"/>), the permit counter after the
/// scan that accepted a permit. Cost: one write-fsync-rename-fsync per command and per event
/// (a few ms on eMMC/SSD); the steady scan with no events writes nothing.
/// </summary>
public sealed class HostStateKeeper(HostStateStore store, HostState state, ILogger log) : ICommandCounterStore, IEventChainStore, IExposureStore
{
    private readonly byte[] _hash = new byte[32];
    private GatewayRuntime? _runtime;

    public HostState State { get; } = state;

    /// <summary>Where the state came from at <see cref="Open"/>.</summary>
    public StateRecovery Recovery { get; private init; }

    /// <summary>The event chain's head to continue from: the saved one, followed through the journal's pending events.</summary>
    public byte[]? ChainHead { get; private init; }

    /// <summary>
    /// Starts a boot: loads the state (never throws; damage falls back to the previous good copy or
    /// safe defaults with raised counter floors, logged), counts the boot and finds the chain head.
    /// Save it (<see cref="Save"/>) before running anything.
    /// </summary>
    public static HostStateKeeper Open(HostStateStore store, IRecordStore journal, long nowUtcMs, ILogger log)
    {
        var state = store.Load(out StateRecovery recovery);
        if (recovery is StateRecovery.Previous or StateRecovery.Defaults)
        {
            state.RaiseFloorsAfterDamage(recovery, nowUtcMs);
            log.LogError("{Damage}: starting from {Source}; commands signed before now are refused (counter floor {Counter})",
                store.Damage, recovery == StateRecovery.Previous ? "the previous good copy" : "safe defaults", state.LastCommandCounter);
        }
        state.BootCounter++;
        byte[]? head = EventChainRecovery.Follow(journal, state.LastEventHash != null ? Convert.FromHexString(state.LastEventHash) : null);
        return new HostStateKeeper(store, state, log) { Recovery = recovery, ChainHead = head };
    }

    /// <summary>What the runtime needs from the kept state.</summary>
    public GatewayBoot Boot(byte[] key, string firmwareVersion) => new(key, State.BootCounter, firmwareVersion)
    {
        LastEventHash = ChainHead,
        LastCommandCounter = State.LastCommandCounter,
        LastPermitCounter = State.LastPermitCounter,
        ExposureRecord = ExposureBytes(State.ExposureCheckpoint),
        // A host that ran before should have left a checkpoint: none (or damage) is a lost history.
        ExposureHistoryExpected = State.BootCounter > 1,
    };

    /// <summary>The saved checkpoint's bytes; text that is not base64 becomes a byte the core reads as damaged.</summary>
    private static byte[]? ExposureBytes(string? base64)
    {
        if (base64 == null) return null;
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return [0];
        }
    }

    /// <summary>Every minute (ExposureCheckpoints.IntervalMs) with STEL/TWA channels: one state.json write.</summary>
    public bool SaveExposure(byte[] checkpoint, int length)
    {
        State.ExposureCheckpoint = Convert.ToBase64String(checkpoint, 0, length);
        return TrySave();
    }

    /// <summary>Saves that failed (I/O error, full disk): a command is then refused as state_not_saved.</summary>
    public long SaveFailures { get; private set; }

    /// <summary>Hooks the runtime's command and event paths and saves what the boot produced so far.</summary>
    public void Attach(GatewayRuntime runtime)
    {
        _runtime = runtime;
        runtime.Commands.CounterStore = this;
        runtime.Events.ChainStore = this;
        runtime.Exposure.Store = this;
        Capture();
        TrySave();
    }

    public bool SaveCounter(long counter)
    {
        State.LastCommandCounter = counter;
        return TrySave();
    }

    public void ChainAdvanced(byte[] lastHash)
    {
        State.LastEventHash = Convert.ToHexStringLower(lastHash);
        TrySave();
    }

    /// <summary>After each scan: saves when a permit was accepted (its counter refuses older permits after a restart).</summary>
    public void AfterScan()
    {
        if (_runtime != null && _runtime.Permits.LastCounter != State.LastPermitCounter)
        {
            State.LastPermitCounter = _runtime.Permits.LastCounter;
            TrySave();
        }
    }

    /// <summary>Takes the runtime's figures and saves; false (logged) when the disk refused.</summary>
    public bool Save()
    {
        Capture();
        return TrySave();
    }

    private void Capture()
    {
        if (_runtime == null) return;
        _runtime.Events.CopyLastHash(_hash, 0);
        State.LastEventHash = Convert.ToHexStringLower(_hash);
        State.LastCommandCounter = Math.Max(State.LastCommandCounter, _runtime.Commands.LastAcceptedCounter);
        State.LastPermitCounter = _runtime.Permits.LastCounter;
    }

    private bool TrySave()
    {
        try
        {
            store.Save(State);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SaveFailures++;
            log.LogError("cannot save {File}: {Error}", store.Path, e.Message);
            return false;
        }
    }
}
