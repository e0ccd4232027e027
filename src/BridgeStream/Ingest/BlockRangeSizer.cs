namespace BridgeStream.Ingest;

/// <summary>
/// Adapts the eth_getLogs range: halves on "too many results"-style errors, grows while answers are sparse,
/// so that dense stretches stay under provider limits and empty ones go by quickly.
/// </summary>
internal sealed class BlockRangeSizer
{
    private const int TargetLogsPerCall = 10_000;
    private readonly int _max;

    public BlockRangeSizer(int max)
    {
        _max = max;
        // Start small: one dense stretch can hold thousands of logs per block, and a single huge answer costs memory
        // and latency; sparse chains double back up to the maximum within a few calls.
        Current = Math.Min(max, 50);
    }

    public int Current { get; private set; }

    public void Shrink() => Current = Math.Max(1, Current / 2);

    public void Observe(int logs, int blocks)
    {
        if (logs < TargetLogsPerCall / 4 && blocks >= Current)
        {
            Current = Math.Min(_max, Current * 2);
        }
        else if (logs > TargetLogsPerCall)
        {
            // Dense blocks: jump straight to the size that would have returned about the target.
            Current = (int)Math.Max(1, Math.Min(Current / 2, (long)Current * TargetLogsPerCall / logs));
        }
    }
}
