namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// A host device's own polling thread (an ADS1115 conversion or an RFID poll can take longer
/// than a scan): runs one step every period until disposed, then releases the device, whose
/// disposal may fail when it is already gone.
/// </summary>
internal sealed class BackgroundLoop(string name, int periodMs, Action step, IDisposable device) : IDisposable
{
    private readonly ManualResetEventSlim _stop = new(false);
    private Thread? _thread;

    public void Start()
    {
        _thread = new Thread(() =>
        {
            while (!_stop.IsSet)
            {
                step();
                _stop.Wait(periodMs);
            }
        })
        { IsBackground = true, Name = name };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join(TimeSpan.FromSeconds(2));
        try
        {
            device.Dispose();
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // The device is gone; nothing to switch off on it.
        }
        _stop.Dispose();
    }
}
