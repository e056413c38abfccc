using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace NML.Matching.Bench;

/// <summary>Repetitions of one measurement: median, minimum and maximum of each sample column.</summary>
public sealed class Samples
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(params (string Name, double Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
            list.Add(value);
        }
        Count++;
    }

    public double Median(string name)
    {
        var sorted = _values[name].Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    public double Min(string name) => _values[name].Min();

    public double Max(string name) => _values[name].Max();
}

public static class Measure
{
    /// <summary>Runs <paramref name="body"/> <paramref name="warmup"/> times unrecorded, then <paramref name="n"/> times recorded, with a full GC before each.</summary>
    public static Samples Repeat(int warmup, int n, Action<Samples?> body)
    {
        for (var i = 0; i < warmup; i++)
        {
            Quiesce();
            body(null);
        }
        var samples = new Samples();
        for (var i = 0; i < n; i++)
        {
            Quiesce();
            body(samples);
        }
        return samples;
    }

    public static void Quiesce()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static double Ms(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public static string F(double value, int decimals = 1) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => F(bytes / (1024.0 * 1024.0), 0) + " MiB";
}

public static class MachineInfo
{
    public static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static IEnumerable<(string Key, string Value)> Describe()
    {
        yield return ("CPU", Cpu());
        yield return ("Environment.ProcessorCount", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        yield return ("OS", RuntimeInformation.OSDescription);
        yield return (".NET", RuntimeInformation.FrameworkDescription);
        yield return ("Memory available to the GC", Measure.Mb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
        yield return ("GC", (GCSettings.IsServerGC ? "server" : "workstation") + ", " + GCSettings.LatencyMode);
#if DEBUG
        yield return ("Build", "Debug (numbers are not representative)");
#else
        yield return ("Build", "Release");
#endif
    }
}

/// <summary>
/// How busy the rest of the machine was while a section ran: CPU time of the whole machine (/proc/stat) minus
/// this process's own CPU time (and that of probe children), per second of wall time. Other work on the machine
/// slows the measured code down, so every section reports it next to its numbers.
/// </summary>
public sealed class CpuWatch
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly (long Busy, long Steal) _start;
    private readonly TimeSpan _ownStart;
    private readonly long _wallStart;

    private CpuWatch()
    {
        _start = ReadStat();
        _ownStart = OwnCpu();
        _wallStart = Stopwatch.GetTimestamp();
    }

    public static CpuWatch Start() => new();

    /// <summary>Average cores used by other processes, and the share of the machine's time stolen by the hypervisor.</summary>
    public (double OtherCores, double StealPercent) Stop(double childCpuSeconds = 0)
    {
        var end = ReadStat();
        var wall = Stopwatch.GetElapsedTime(_wallStart).TotalSeconds;
        if (wall <= 0 || end.Busy < 0) return (double.NaN, double.NaN);
        var machine = (end.Busy - _start.Busy) / TicksPerSecond;
        var own = (OwnCpu() - _ownStart).TotalSeconds + childCpuSeconds;
        var steal = (end.Steal - _start.Steal) / TicksPerSecond;
        return (Math.Max(0, machine - own) / wall, 100 * steal / (wall * Environment.ProcessorCount));
    }

    private static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Busy ticks (user, nice, system, irq, softirq, steal) and steal ticks of all CPUs.</summary>
    private static (long Busy, long Steal) ReadStat()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7], fields[7]);
        }
        catch (IOException)
        {
            return (-1, -1);
        }
    }
}
