using System.Device.I2c;
using Iot.Device.Ads1115;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// One ADS1115 on an I2C bus and the 4–20 mA inputs wired to it, read by Iot.Device.Bindings'
/// Ads1115 in single-shot mode (each read starts a conversion on the input's multiplexer
/// setting, so several loops can share the chip). A conversion takes 1/SPS (125 ms at 8 SPS),
/// too long for the scan: SampleOnce runs on a thread of its own and the scan only takes the
/// latest result. A failed or stale sample reads as false; the core then faults the channel.
/// </summary>
public sealed class Ads1115Converter : IDisposable
{
    /// <summary>How often each input is sampled. Gas transmitters answer in seconds (T90); 10 Hz is plenty and leaves the bus idle most of the time.</summary>
    public const int SamplePeriodMs = 100;

    private readonly Ads1115 _chip;
    private readonly HostAnalogInput[] _inputs;
    private readonly Sample[] _samples;
    private readonly IClock _clock;
    private readonly ILogger _log;
    private readonly string _name;
    private BackgroundLoop? _loop;
    private readonly bool[] _failing;

    /// <param name="inputs">The inputs on this chip (same bus and address).</param>
    /// <exception cref="IOException">Nothing answers at the address (the binding configures the chip at once).</exception>
    public Ads1115Converter(I2cDevice device, HostAnalogInput[] inputs, IClock clock, ILogger log)
    {
        _inputs = inputs;
        _clock = clock;
        _log = log;
        _name = $"ADS1115 at i2c-{inputs[0].I2cBus} 0x{inputs[0].Address:X2}";
        _samples = inputs.Select(_ => new Sample()).ToArray();
        _failing = new bool[inputs.Length];
        _chip = new Ads1115(device, (InputMultiplexer)inputs[0].Multiplexer, Range(inputs[0]), Rate(inputs[0]), DeviceMode.PowerDown);
        // A sample older than this is stale: a few rounds of every input at its data rate, at least a second.
        long round = inputs.Sum(i => 1000L / i.SamplesPerSecond + 2) + SamplePeriodMs;
        MaxSampleAgeMs = Math.Max(1000, 4 * round);
    }

    public long MaxSampleAgeMs { get; }

    public IAnalogInput Input(string id) => new LoopInput(this, Array.FindIndex(_inputs, i => i.Id == id));

    /// <summary>Converts every input once, recording each loop current or the failure.</summary>
    public void SampleOnce()
    {
        for (int k = 0; k < _inputs.Length; k++)
        {
            var input = _inputs[k];
            double mA = double.NaN;
            string? error = null;
            try
            {
                short raw = _chip.ReadRaw((InputMultiplexer)input.Multiplexer, Range(input), Rate(input));
                mA = LoopCurrent.MilliampsFromCounts(raw, 32768, input.FullScaleMillivolts, input.ShuntOhms);
            }
            catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException or InvalidOperationException)
            {
                error = e.Message;
            }
            lock (_samples)
            {
                _samples[k].Ok = error == null;
                _samples[k].Milliamps = mA;
                _samples[k].AtMs = _clock.MonotonicMs;
            }
            // One line when an input starts failing and one when it recovers, not one per sample.
            if (error != null && !_failing[k]) _log.LogWarning("{Chip}: reading {Input} ({Id}) failed: {Error}; the channel reads as a fault until it recovers", _name, input.Input, input.Id, error);
            if (error == null && _failing[k]) _log.LogInformation("{Chip}: reading {Input} ({Id}) again", _name, input.Input, input.Id);
            _failing[k] = error != null;
        }
    }

    private bool TryRead(int index, out double milliamps)
    {
        lock (_samples)
        {
            var s = _samples[index];
            milliamps = s.Milliamps;
            return s.Ok && _clock.MonotonicMs - s.AtMs <= MaxSampleAgeMs;
        }
    }

    /// <summary>Runs on its own thread until disposed (then the chip is released).</summary>
    public void Start()
    {
        Loop().Start();
    }

    public void Dispose() => Loop().Dispose();

    private BackgroundLoop Loop() => _loop ??= new BackgroundLoop("qedge " + _name, SamplePeriodMs, SampleOnce, _chip);

    private static MeasuringRange Range(HostAnalogInput i) => i.FullScaleMillivolts switch
    {
        6144 => MeasuringRange.FS6144,
        4096 => MeasuringRange.FS4096,
        2048 => MeasuringRange.FS2048,
        1024 => MeasuringRange.FS1024,
        512 => MeasuringRange.FS0512,
        _ => MeasuringRange.FS0256,
    };

    private static DataRate Rate(HostAnalogInput i) => i.SamplesPerSecond switch
    {
        8 => DataRate.SPS008,
        16 => DataRate.SPS016,
        32 => DataRate.SPS032,
        64 => DataRate.SPS064,
        128 => DataRate.SPS128,
        250 => DataRate.SPS250,
        475 => DataRate.SPS475,
        _ => DataRate.SPS860,
    };

    private sealed class Sample
    {
        public bool Ok;
        public double Milliamps = double.NaN;
        public long AtMs;
    }

    private sealed class LoopInput(Ads1115Converter converter, int index) : IAnalogInput
    {
        public bool TryReadMilliamps(out double milliamps) => converter.TryRead(index, out milliamps);
    }
}
