// Package nanoFramework.System.IO.Streams 1.1.96 — declarations only.
// Read from github.com/nanoframework/System.IO.Streams @ v1.1.96 (e6d0ae8b):
//   System.IO.Streams/Stream.cs (the abstract members FileStream overrides), SeekOrigin.cs.
namespace System.IO
{
    public enum SeekOrigin { Begin = 0, Current = 1, End = 2 }

    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract long Length { get; }
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract void Write(byte[] buffer, int offset, int count);
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void Flush();
        public void Dispose() { throw null; }
    }
}
