using System.IO;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The staging store of chunked configuration pushes: one file on the internal flash (I:\qe\config.part).
    /// Chunks arrive in order, so every write is an append at the end of the file (nanoFramework's
    /// FileStream cannot seek past the end); nanoFramework syncs each FileStream write. Discard deletes
    /// the file: a transfer cut by a reboot leaves nothing that is ever read (the core starts a new
    /// file at the next transfer's first chunk). The whole envelope is read back once, to verify it.
    /// </summary>
    public sealed class FlashStagingStore : IStagingStore
    {
        private readonly string _path;
        private int _length;

        public FlashStagingStore(string path, int capacity)
        {
            _path = path;
            Capacity = capacity;
            Discard();
        }

        public int Capacity { get; }

        public bool Begin()
        {
            try
            {
                FileStream f = new FileStream(_path, FileMode.Create, FileAccess.Write);
                f.Dispose();
                _length = 0;
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        public bool Append(byte[] buffer, int offset, int count)
        {
            if (_length + count > Capacity) return false;
            try
            {
                FileStream f = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite);
                try
                {
                    f.Seek(_length, SeekOrigin.Begin);
                    f.Write(buffer, offset, count);
                    f.Flush();
                }
                finally
                {
                    f.Dispose();
                }
                _length += count;
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            if (position >= _length) return 0;
            if (count > _length - position) count = _length - position;
            try
            {
                FileStream f = new FileStream(_path, FileMode.Open, FileAccess.Read);
                try
                {
                    f.Seek(position, SeekOrigin.Begin);
                    return f.Read(buffer, offset, count);
                }
                finally
                {
                    f.Dispose();
                }
            }
            catch (System.Exception)
            {
                return 0;
            }
        }

        public void Discard()
        {
            _length = 0;
            FlashFiles.Delete(_path);
        }
    }
}
