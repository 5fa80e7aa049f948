using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) over any ISha256: the portable one on the device, the platform's
    /// on the desktop. Key pads are computed once; Compute allocates nothing.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacSize = 32;

        private readonly ISha256 _inner;
        private readonly ISha256 _outer;
        private readonly byte[] _ipad = new byte[Sha256.BlockSize];
        private readonly byte[] _opad = new byte[Sha256.BlockSize];
        private readonly byte[] _innerDigest = new byte[Sha256.DigestSize];

        public HmacSha256(byte[] key, ISha256 inner, ISha256 outer)
        {
            _inner = inner;
            _outer = outer;
            byte[] k = new byte[Sha256.BlockSize];
            if (key.Length > Sha256.BlockSize)
            {
                inner.Reset();
                inner.Update(key, 0, key.Length);
                inner.Final(k, 0);
            }
            else
            {
                System.Array.Copy(key, k, key.Length);
            }
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _ipad[i] = (byte)(k[i] ^ 0x36);
                _opad[i] = (byte)(k[i] ^ 0x5c);
            }
        }

        /// <summary>HMAC with the portable SHA-256.</summary>
        public static HmacSha256 Portable(byte[] key)
        {
            return new HmacSha256(key, new Sha256(), new Sha256());
        }

        public void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            _inner.Reset();
            _inner.Update(_ipad, 0, _ipad.Length);
            _inner.Update(data, offset, count);
            _inner.Final(_innerDigest, 0);
            _outer.Reset();
            _outer.Update(_opad, 0, _opad.Length);
            _outer.Update(_innerDigest, 0, _innerDigest.Length);
            _outer.Final(mac, macOffset);
        }

        /// <summary>Constant-time comparison of the MAC of data with an expected MAC (no early exit: no timing oracle).</summary>
        public bool Verify(byte[] data, int offset, int count, byte[] expected, int expectedOffset, byte[] scratch)
        {
            if (expected == null || expected.Length - expectedOffset < MacSize) return false;
            Compute(data, offset, count, scratch, 0);
            int diff = 0;
            for (int i = 0; i < MacSize; i++) diff |= scratch[i] ^ expected[expectedOffset + i];
            return diff == 0;
        }
    }
}
