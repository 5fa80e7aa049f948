using System.IO;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>Whole-file reads and writes on the internal flash (I:\) for config, keys and the board map. Start-up only.</summary>
    public static class FlashFiles
    {
        /// <summary>The file's bytes, or null when it does not exist or cannot be read.</summary>
        public static byte[] ReadAll(string path)
        {
            try
            {
                if (!File.Exists(path)) return null;
                FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read);
                try
                {
                    byte[] b = new byte[(int)f.Length];
                    int read = 0;
                    while (read < b.Length)
                    {
                        int n = f.Read(b, read, b.Length - read);
                        if (n <= 0) return null;
                        read += n;
                    }
                    return b;
                }
                finally
                {
                    f.Dispose();
                }
            }
            catch (System.Exception)
            {
                return null;
            }
        }

        public static bool Delete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        /// <summary>True when the file holds exactly these bytes (a write read back).</summary>
        public static bool Holds(string path, byte[] data)
        {
            byte[] b = ReadAll(path);
            if (b == null || b.Length != data.Length) return false;
            for (int i = 0; i < b.Length; i++)
            {
                if (b[i] != data[i]) return false;
            }
            return true;
        }

        public static bool WriteAll(string path, byte[] data)
        {
            try
            {
                FileStream f = new FileStream(path, FileMode.Create, FileAccess.Write);
                try
                {
                    f.Write(data, 0, data.Length);
                    f.Flush();
                }
                finally
                {
                    f.Dispose();
                }
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }
    }
}
