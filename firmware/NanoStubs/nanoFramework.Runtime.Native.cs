// Package nanoFramework.Runtime.Native 1.7.11 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Runtime.Native:
//   nanoFramework.Runtime.Native/Power.cs, RTC.cs, GC.cs, System/Environment.cs.
namespace nanoFramework.Runtime.Native
{
    public delegate void RebootEventHandler();

    public class Power
    {
        public static event RebootEventHandler OnRebootEvent;
        public static void RebootDevice() { throw null; }
        public static void RebootDevice(int exeConstraintTimeout) { throw null; }
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
