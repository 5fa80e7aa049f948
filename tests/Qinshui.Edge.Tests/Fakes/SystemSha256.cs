using System.Security.Cryptography;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>ISha256 over System.Security.Cryptography (what the desktop adapter will use): fast for long property runs.</summary>
public sealed class SystemSha256 : ISha256
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Reset() => _hash.GetHashAndReset();
    public void Update(byte[] data, int offset, int count) => _hash.AppendData(data, offset, count);
    public void Final(byte[] digest, int offset) => _hash.GetHashAndReset(digest.AsSpan(offset, 32));
}
