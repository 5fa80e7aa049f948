// Package nanoFramework.Networking.Sntp 1.6.42 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Networking.Sntp: nanoFramework.Networking.Sntp/Sntp.cs.
namespace nanoFramework.Networking
{
    public static class Sntp
    {
        public static void Start() { throw null; }
        public static void Stop() { throw null; }
        public static void UpdateNow() { throw null; }
        public static bool IsStarted { get { throw null; } }
        public static string Server1 { get { throw null; } set { throw null; } }
        public static string Server2 { get { throw null; } set { throw null; } }
    }
}
