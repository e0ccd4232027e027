using System.Buffers;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// A successful chDB result. Its bytes stay in chDB's native buffer (no copy): read <see cref="Memory"/> before
/// disposing. Dispose exactly once (releases the native result).
/// </summary>
public sealed unsafe class ChdbResult : MemoryManager<byte>
{
    private nint handle;

    internal ChdbResult(nint handle)
    {
        this.handle = handle;
        var native = ChdbNative.Instance;
        Length = checked((int)native.ResultLength(handle));
        Elapsed = TimeSpan.FromSeconds(native.ResultElapsed(handle));
        RowsRead = native.ResultRowsRead(handle);
        BytesRead = native.ResultBytesRead(handle);
        RowsWritten = native.ResultRowsWritten(handle);
        BytesWritten = native.ResultBytesWritten(handle);
    }

    public int Length { get; }

    public TimeSpan Elapsed { get; }

    public ulong RowsRead { get; }

    public ulong BytesRead { get; }

    public ulong RowsWritten { get; }

    public ulong BytesWritten { get; }

    /// <summary>Releases the native result; the bytes are gone afterwards.</summary>
    public void Dispose() => ((IDisposable)this).Dispose();

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        return Length == 0 ? [] : new Span<byte>(ChdbNative.Instance.ResultBuffer(handle), Length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        return new MemoryHandle(ChdbNative.Instance.ResultBuffer(handle) + elementIndex);
    }

    public override void Unpin()
    {
        // Native memory never moves.
    }

    protected override void Dispose(bool disposing)
    {
        var toFree = Interlocked.Exchange(ref handle, 0);
        if (toFree != 0)
        {
            ChdbNative.Instance.DestroyResult(toFree);
        }
    }
}
