// Package nanoFramework.Runtime.Native 1.7.11 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Runtime.Native @ v1.7.11 (e70ef692):
//   nanoFramework.Runtime.Native/Power.cs (RebootDevice with optional RebootOption), RebootOption.cs,
//   RTC.cs, GC.cs, System/Environment.cs.
namespace nanoFramework.Runtime.Native
{
    public delegate void RebootEventHandler();

    public enum RebootOption { NormalReboot = 0, EnterNanoBooter = 1, ClrOnly = 2, EnterProprietaryBooter = 8 }

    public class Power
    {
        public static event RebootEventHandler OnRebootEvent { add { throw null; } remove { throw null; } }
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { throw null; }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { throw null; }
    }

    public static class Rtc
    {
        public static bool SetSystemTime(System.DateTime time) { throw null; }
    }

    public static class GC
    {
        public static uint Run(bool compactHeap) { throw null; }
    }
}

namespace System
{
    public static partial class Environment
    {
        public static long TickCount64 { get { throw null; } }
    }
}
