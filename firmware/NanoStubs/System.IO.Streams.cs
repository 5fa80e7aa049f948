// Package nanoFramework.System.IO.Streams 1.1.96 — declarations only.
// The base Stream that FileStream derives from. Read from github.com/nanoframework/System.IO.FileSystem
// (System.IO.FileSystem/FileStream.cs: the Stream members it overrides) and the package's Stream.cs.
namespace System.IO
{
    public enum SeekOrigin { Begin = 0, Current = 1, End = 2 }

    public abstract class Stream : IDisposable
    {
        public abstract long Length { get; }
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract void Write(byte[] buffer, int offset, int count);
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void Flush();
        public void Dispose() { throw null; }
    }
}
