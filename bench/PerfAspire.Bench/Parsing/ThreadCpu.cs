using System.Runtime.InteropServices;

namespace PerfAspire.Bench.Parsing;

/// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID): unaffected by waiting for a core on a busy machine.</summary>
internal static class ThreadCpu
{
    const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport (not LibraryImport): the signature is blittable and it needs no unsafe code in this project.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Seconds of CPU used by this thread so far, or wall-clock seconds where the clock is not available.</summary>
    public static double Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0) return t.Seconds + t.Nanoseconds / 1e9;
        return System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
    }
}
