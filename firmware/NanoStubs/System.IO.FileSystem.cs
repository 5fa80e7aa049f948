// Package nanoFramework.System.IO.FileSystem 1.1.87 — declarations only.
// Read from github.com/nanoframework/System.IO.FileSystem @ v1.1.87 (2f5d90d0):
//   System.IO.FileSystem/FileStream.cs, File.cs (Exists, Delete), Directory.cs (CreateDirectory
//   returns DirectoryInfo, Exists), DirectoryInfo.cs, FileSystemInfo.cs, FileMode.cs, FileAccess.cs.
namespace System.IO
{
    public enum FileMode { CreateNew = 1, Create = 2, Open = 3, OpenOrCreate = 4, Truncate = 5, Append = 6 }

    [Flags]
    public enum FileAccess { Read = 1, Write = 2, ReadWrite = 3 }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { throw null; }
        public FileStream(string path, FileMode mode, FileAccess access) { throw null; }
        public override long Length { get { throw null; } }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override void Write(byte[] buffer, int offset, int count) { throw null; }
        public override long Seek(long offset, SeekOrigin origin) { throw null; }
        public override void Flush() { throw null; }
    }

    public static class File
    {
        public static bool Exists(string path) { throw null; }
        public static void Delete(string path) { throw null; }
    }

    public abstract class FileSystemInfo : MarshalByRefObject
    {
        public abstract bool Exists { get; }
        public abstract string Name { get; }
    }

    public sealed class DirectoryInfo : FileSystemInfo
    {
        public DirectoryInfo(string path) { throw null; }
        public override bool Exists { get { throw null; } }
        public override string Name { get { throw null; } }
    }

    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path) { throw null; }
        public static bool Exists(string path) { throw null; }
    }
}
