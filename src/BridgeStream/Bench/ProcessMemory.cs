using System.Globalization;

namespace BridgeStream.Bench;

/// <summary>Resident memory of a process (this one by default) as Linux reports it in /proc/PID/status.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM: the peak resident set size, in bytes; null where /proc is not available.</summary>
    public static long? PeakResidentBytes(int? pid = null) => ReadStatusKilobytes("VmHWM:", pid) * 1024;

    /// <summary>VmRSS: the current resident set size, in bytes.</summary>
    public static long? ResidentBytes(int? pid = null) => ReadStatusKilobytes("VmRSS:", pid) * 1024;

    /// <summary>
    /// Resets VmHWM to the current RSS (writing "5" to /proc/self/clear_refs, Linux 4.0+), so a phase's peak is its own
    /// and not an earlier phase's. Returns false when the kernel refused.
    /// </summary>
    public static bool ResetPeak(int? pid = null)
    {
        try
        {
            File.WriteAllText($"/proc/{Which(pid)}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads "Key:   1234 kB" from a status text; null when the key is missing or malformed.</summary>
    public static long? ParseKilobytes(string statusText, string key)
    {
        foreach (var line in statusText.Split('\n'))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
        }

        return null;
    }

    private static string Which(int? pid) => pid?.ToString(CultureInfo.InvariantCulture) ?? "self";

    private static long? ReadStatusKilobytes(string key, int? pid)
    {
        try
        {
            return ParseKilobytes(File.ReadAllText($"/proc/{Which(pid)}/status"), key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
