using System.Globalization;

namespace BridgeStream.Bench;

/// <summary>Resident memory of this process as Linux reports it in /proc/self/status (chDB and librdkafka included).</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM: the peak resident set size, in bytes; null where /proc is not available.</summary>
    public static long? PeakResidentBytes() => ReadStatusKilobytes("VmHWM:") * 1024;

    /// <summary>VmRSS: the current resident set size, in bytes.</summary>
    public static long? ResidentBytes() => ReadStatusKilobytes("VmRSS:") * 1024;

    /// <summary>
    /// Resets VmHWM to the current RSS (writing "5" to /proc/self/clear_refs, Linux 4.0+), so a phase's peak is its own
    /// and not an earlier phase's. Returns false when the kernel refused.
    /// </summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
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

    private static long? ReadStatusKilobytes(string key)
    {
        try
        {
            return ParseKilobytes(File.ReadAllText("/proc/self/status"), key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
