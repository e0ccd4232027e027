using System.Diagnostics;
using ClickHouse.Driver;

namespace BridgeStream.Bench;

/// <summary>Polls one bench database for how many distinct messages have a DELIVERED row.</summary>
public sealed class DeliveredCounter(string connectionString) : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly ClickHouseClient _client = new(connectionString);

    public async Task<long> CountAsync(CancellationToken ct) =>
        Convert.ToInt64(await _client.ExecuteScalarAsync(
            "SELECT uniqExact(message_id) FROM messages WHERE status = 'DELIVERED'", cancellationToken: ct).ConfigureAwait(false));

    /// <summary>Waits until <paramref name="expected"/> messages are DELIVERED; returns the Stopwatch timestamp it saw that, or null on timeout.</summary>
    public async Task<long?> WaitForAsync(long expected, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await CountAsync(ct).ConfigureAwait(false) >= expected)
            {
                return Stopwatch.GetTimestamp();
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }

        return null;
    }

    public void Dispose() => _client.Dispose();
}
