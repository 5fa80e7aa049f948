using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Host.Linux;

/// <summary>A card reader chip of the Linux host: polls on its own thread once started, released when disposed.</summary>
public interface IHostCardReader : ICardReader, IDisposable
{
    void Start();
}
