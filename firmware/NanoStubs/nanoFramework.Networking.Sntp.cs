// Package nanoFramework.Networking.Sntp 1.6.42 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Networking.Sntp @ v1.6.42 (8e44b138):
//   nanoFramework.Networking.Sntp/Sntp.cs (a non-static class of static extern members).
namespace nanoFramework.Networking
{
    public class Sntp
    {
        public static void Start() { throw null; }
        public static void Stop() { throw null; }
        public static void UpdateNow() { throw null; }
        public static bool IsStarted { get { throw null; } }
        public static string Server1 { get { throw null; } set { throw null; } }
        public static string Server2 { get { throw null; } set { throw null; } }
    }
}
