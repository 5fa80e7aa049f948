using System.Security.Cryptography;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>SHA-256 from the platform (System.Security.Cryptography) behind the core's port.</summary>
public sealed class PlatformSha256 : ISha256, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Reset() => _hash.GetHashAndReset();

    public void Update(byte[] data, int offset, int count) => _hash.AppendData(data, offset, count);

    public void Final(byte[] digest, int offset)
    {
        if (!_hash.TryGetHashAndReset(digest.AsSpan(offset, 32), out _)) throw new ArgumentException("digest buffer too small");
    }

    public void Dispose() => _hash.Dispose();
}
