using System.Text;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// UTF-8 bytes of a statement, its format and its named parameters, laid out in one buffer so a native call needs
/// a single pin. Offsets index into <see cref="Arena"/>; the parameter arrays are (offset, length) pairs.
/// </summary>
internal sealed class NativeCallArguments
{
    public NativeCallArguments(string sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var parts = new List<string>(2 + (parameters.Count * 2)) { sql, format };
        foreach (var (name, value) in parameters)
        {
            parts.Add(name);
            parts.Add(value);
        }

        Offsets = new int[parts.Count];
        Lengths = new nuint[parts.Count];
        // One spare byte after everything: a pointer to an empty string must still point into the buffer.
        Arena = new byte[parts.Sum(Encoding.UTF8.GetByteCount) + 1];
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            Offsets[i] = at;
            var written = Encoding.UTF8.GetBytes(parts[i], Arena.AsSpan(at));
            Lengths[i] = (nuint)written;
            at += written;
        }

        ParameterCount = parameters.Count;
    }

    public byte[] Arena { get; }

    public int[] Offsets { get; }

    public nuint[] Lengths { get; }

    public int ParameterCount { get; }

    /// <summary><c>chdb_query_with_params_n</c>: runs the statement, returns a chdb_result*.</summary>
    public unsafe nint Query(nint connection) => Invoke(ChdbNative.Instance.QueryWithParams, connection);

    /// <summary><c>chdb_stream_insert_with_params_n</c>: starts a streaming insert, returns a chdb_insert_stream.</summary>
    public unsafe nint StartInsert(nint connection) => Invoke(ChdbNative.Instance.StreamInsert, connection);

    /// <summary>Calls a chDB function shaped like <c>chdb_query_with_params_n</c> with these arguments.</summary>
    private unsafe nint Invoke(
        delegate* unmanaged[Cdecl]<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> function,
        nint connection)
    {
        var count = ParameterCount;
        // Managed arrays rather than stackalloc: the parameter count comes from the request.
        var names = new nint[count + 1];
        var values = new nint[count + 1];
        var nameLengths = new nuint[count + 1];
        var valueLengths = new nuint[count + 1];
        fixed (byte* arena = Arena)
        fixed (nint* namePointers = names, valuePointers = values)
        fixed (nuint* nameLengthPointers = nameLengths, valueLengthPointers = valueLengths)
        {
            for (var i = 0; i < count; i++)
            {
                names[i] = (nint)(arena + Offsets[2 + (2 * i)]);
                nameLengths[i] = Lengths[2 + (2 * i)];
                values[i] = (nint)(arena + Offsets[3 + (2 * i)]);
                valueLengths[i] = Lengths[3 + (2 * i)];
            }

            return function(
                connection, arena + Offsets[0], Lengths[0], arena + Offsets[1], Lengths[1],
                (byte**)namePointers, nameLengthPointers, (byte**)valuePointers, valueLengthPointers, (nuint)count);
        }
    }
}
