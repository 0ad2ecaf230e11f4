using System.Runtime.InteropServices;

namespace Parley.Server.Hosting;

/// <summary>The process's soft limit on open file descriptors (RLIMIT_NOFILE), where the platform has one.</summary>
internal static partial class DescriptorLimit
{
    private const int RlimitNofileLinux = 7;

    /// <summary>
    /// The soft limit, or null when unknown (not Linux) or unlimited. Read in the process itself: the .NET runtime
    /// raises the soft limit to the hard one as it starts, so <c>ulimit -Sn</c> of the shell is not what applies.
    /// </summary>
    public static long? Read()
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNofileLinux, out var limit) != 0)
        {
            return null;
        }

        // RLIM_INFINITY is all ones; anything beyond long's range is as good as unlimited.
        return (ulong)limit.Current > long.MaxValue ? null : (long)limit.Current;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        // rlim_t is an unsigned long: 64 bits on 64-bit Linux, 32 on 32-bit.
        public nuint Current;
        public nuint Maximum;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrlimit(int resource, out RLimit limit);
}
