using System.Runtime.InteropServices;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// The few entry points of libchdb.so (chDB's C API, chdb.h of chDB 26.7) that the embedded ClickHouse uses.
/// Bound with function pointers from <see cref="NativeLibrary"/> rather than DllImport, so that no assembly-wide
/// DllImport resolver is needed (another adapter may own that). All strings are UTF-8; all calls are cdecl.
/// </summary>
internal sealed unsafe class ChdbNative
{
    private static readonly Lazy<ChdbNative> Loaded = new(() => new ChdbNative(EmbeddedTools.Require(EmbeddedTools.LibChdbPath, "libchdb.so (chDB)")));

    private ChdbNative(string path)
    {
        var lib = NativeLibrary.Load(path);
        Connect = (delegate* unmanaged[Cdecl]<int, byte**, nint*>)NativeLibrary.GetExport(lib, "chdb_connect");
        QueryWithParams = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            NativeLibrary.GetExport(lib, "chdb_query_with_params_n");
        StreamInsert = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            NativeLibrary.GetExport(lib, "chdb_stream_insert_with_params_n");
        StreamAppend = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, int>)NativeLibrary.GetExport(lib, "chdb_stream_append");
        StreamDone = (delegate* unmanaged[Cdecl]<nint, nint>)NativeLibrary.GetExport(lib, "chdb_stream_done");
        StreamInsertError = (delegate* unmanaged[Cdecl]<nint, byte*>)NativeLibrary.GetExport(lib, "chdb_stream_insert_error");
        DestroyInsertStream = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(lib, "chdb_destroy_insert_stream");
        ResultBuffer = (delegate* unmanaged[Cdecl]<nint, byte*>)NativeLibrary.GetExport(lib, "chdb_result_buffer");
        ResultLength = (delegate* unmanaged[Cdecl]<nint, nuint>)NativeLibrary.GetExport(lib, "chdb_result_length");
        ResultError = (delegate* unmanaged[Cdecl]<nint, byte*>)NativeLibrary.GetExport(lib, "chdb_result_error");
        ResultElapsed = (delegate* unmanaged[Cdecl]<nint, double>)NativeLibrary.GetExport(lib, "chdb_result_elapsed");
        ResultRowsRead = (delegate* unmanaged[Cdecl]<nint, ulong>)NativeLibrary.GetExport(lib, "chdb_result_rows_read");
        ResultBytesRead = (delegate* unmanaged[Cdecl]<nint, ulong>)NativeLibrary.GetExport(lib, "chdb_result_bytes_read");
        ResultRowsWritten = (delegate* unmanaged[Cdecl]<nint, ulong>)NativeLibrary.GetExport(lib, "chdb_result_rows_written");
        ResultBytesWritten = (delegate* unmanaged[Cdecl]<nint, ulong>)NativeLibrary.GetExport(lib, "chdb_result_bytes_written");
        DestroyResult = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(lib, "chdb_destroy_query_result");
    }

    public static ChdbNative Instance => Loaded.Value;

    /// <summary><c>chdb_connection* chdb_connect(int argc, char** argv)</c>: a pointer to the connection pointer.</summary>
    public delegate* unmanaged[Cdecl]<int, byte**, nint*> Connect { get; }

    /// <summary><c>chdb_query_with_params_n(conn, query, len, format, len, names, name_lens, values, value_lens, count)</c>.</summary>
    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> QueryWithParams { get; }

    /// <summary><c>chdb_stream_insert_with_params_n</c>: same arguments; the query has no FORMAT clause.</summary>
    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> StreamInsert { get; }

    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, int> StreamAppend { get; }

    public delegate* unmanaged[Cdecl]<nint, nint> StreamDone { get; }

    public delegate* unmanaged[Cdecl]<nint, byte*> StreamInsertError { get; }

    public delegate* unmanaged[Cdecl]<nint, void> DestroyInsertStream { get; }

    public delegate* unmanaged[Cdecl]<nint, byte*> ResultBuffer { get; }

    public delegate* unmanaged[Cdecl]<nint, nuint> ResultLength { get; }

    public delegate* unmanaged[Cdecl]<nint, byte*> ResultError { get; }

    public delegate* unmanaged[Cdecl]<nint, double> ResultElapsed { get; }

    public delegate* unmanaged[Cdecl]<nint, ulong> ResultRowsRead { get; }

    public delegate* unmanaged[Cdecl]<nint, ulong> ResultBytesRead { get; }

    public delegate* unmanaged[Cdecl]<nint, ulong> ResultRowsWritten { get; }

    public delegate* unmanaged[Cdecl]<nint, ulong> ResultBytesWritten { get; }

    public delegate* unmanaged[Cdecl]<nint, void> DestroyResult { get; }
}
