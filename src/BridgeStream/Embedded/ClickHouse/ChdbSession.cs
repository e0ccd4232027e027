using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace BridgeStream.Embedded.ClickHouse;

/// <summary>
/// The process's one chDB connection. chDB runs one data folder per process and one statement at a time per
/// connection, so statements are serialised here; callers may use it from any thread.
/// The connection stays open until the process ends: chDB documents that shutting the engine down and booting it
/// again in one process is unsafe, so there is deliberately no Close.
/// </summary>
public sealed class ChdbSession
{
    public const string DefaultDatabase = "default";
    private const int InsertChunkBytes = 1 << 20;
    private static readonly Lock OpenGate = new();
    private static ChdbSession? opened;

    private readonly SemaphoreSlim statementGate = new(1, 1);
    private readonly nint connection;
    private readonly Dictionary<string, string> appliedSettings = new(StringComparer.Ordinal);
    private string? currentDatabase;

    private ChdbSession(string dataPath, nint connection)
    {
        DataPath = dataPath;
        this.connection = connection;
    }

    public string DataPath { get; }

    /// <summary>Opens chDB on <paramref name="dataPath"/>, or returns the session already open on that same folder.</summary>
    /// <exception cref="InvalidOperationException">chDB is already open on another folder in this process.</exception>
    public static ChdbSession Open(string dataPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataPath));
        lock (OpenGate)
        {
            if (opened is not null)
            {
                return opened.DataPath == fullPath
                    ? opened
                    : throw new InvalidOperationException(
                        $"chDB is already open on '{opened.DataPath}' in this process and allows one data folder per process; cannot also open '{fullPath}'.");
            }

            Directory.CreateDirectory(fullPath);
            opened = new ChdbSession(fullPath, Connect(fullPath));
            return opened;
        }
    }

    /// <summary>Runs one statement; <paramref name="format"/> is the output format unless the SQL names its own.</summary>
    public async Task<ChdbResult> QueryAsync(
        string sql,
        string format = "TabSeparated",
        IReadOnlyList<KeyValuePair<string, string>>? parameters = null,
        string? database = null,
        IReadOnlyList<KeyValuePair<string, string>>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = new NativeCallArguments(sql, format, parameters ?? []);
        await statementGate.WaitAsync(cancellationToken);
        try
        {
            UseDatabase(database);
            ApplySettings(settings ?? []);
            var result = TakeResult(arguments.Query(connection));
            if (sql.TrimStart().StartsWith("USE ", StringComparison.OrdinalIgnoreCase))
            {
                currentDatabase = null;
            }

            return result;
        }
        finally
        {
            statementGate.Release();
        }
    }

    /// <summary>
    /// Streams <paramref name="data"/> (in <paramref name="format"/>) into <paramref name="insertSql"/>, an INSERT
    /// without FORMAT clause. The data is passed on in chunks, never held whole in memory.
    /// </summary>
    public async Task<ChdbResult> InsertAsync(
        string insertSql,
        string format,
        Stream data,
        IReadOnlyList<KeyValuePair<string, string>>? parameters = null,
        string? database = null,
        IReadOnlyList<KeyValuePair<string, string>>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = new NativeCallArguments(insertSql, format, parameters ?? []);
        await statementGate.WaitAsync(cancellationToken);
        try
        {
            UseDatabase(database);
            ApplySettings(settings ?? []);
            var stream = arguments.StartInsert(connection);
            try
            {
                ThrowIfInsertFailed(stream);
                await AppendAllAsync(stream, data, cancellationToken);
                return FinishInsert(stream);
            }
            finally
            {
                // Also cancels an insert that did not reach StreamDone (bad data, client gone).
                DestroyInsert(stream);
            }
        }
        finally
        {
            statementGate.Release();
        }
    }

    private static async Task AppendAllAsync(nint stream, Stream data, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InsertChunkBytes);
        try
        {
            int filled;
            while ((filled = await data.ReadAtLeastAsync(buffer, InsertChunkBytes, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                Append(stream, buffer, filled);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static unsafe void Append(nint stream, byte[] buffer, int count)
    {
        int state;
        fixed (byte* bytes = buffer)
        {
            state = ChdbNative.Instance.StreamAppend(stream, bytes, (nuint)count);
        }

        if (state != 0)
        {
            ThrowIfInsertFailed(stream);
            throw new ChdbException("chDB refused the insert data.");
        }
    }

    private static unsafe ChdbResult FinishInsert(nint stream) => TakeResult(ChdbNative.Instance.StreamDone(stream));

    private static unsafe void DestroyInsert(nint stream) => ChdbNative.Instance.DestroyInsertStream(stream);

    private static unsafe void ThrowIfInsertFailed(nint stream)
    {
        var error = ChdbNative.Instance.StreamInsertError(stream);
        if (error != null)
        {
            throw new ChdbException(Marshal.PtrToStringUTF8((nint)error) ?? "chDB insert failed.");
        }
    }

    private static unsafe ChdbResult TakeResult(nint handle)
    {
        if (handle == 0)
        {
            throw new ChdbException("chDB returned no result (connection closed?).");
        }

        var error = ChdbNative.Instance.ResultError(handle);
        if (error == null)
        {
            return new ChdbResult(handle);
        }

        var message = Marshal.PtrToStringUTF8((nint)error) ?? "chDB query failed.";
        ChdbNative.Instance.DestroyResult(handle);
        throw new ChdbException(message.TrimEnd());
    }

    private static unsafe nint Connect(string dataPath)
    {
        var argv = new[] { "clickhouse", $"--path={dataPath}" };
        var pointers = argv.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            fixed (nint* args = pointers)
            {
                // chdb_connect returns a pointer to the connection pointer.
                var connectionSlot = ChdbNative.Instance.Connect(argv.Length, (byte**)args);
                return connectionSlot == null || *connectionSlot == 0
                    ? throw new ChdbException($"chDB could not open a connection on '{dataPath}'.")
                    : *connectionSlot;
            }
        }
        finally
        {
            Array.ForEach(pointers, Marshal.FreeCoTaskMem);
        }
    }

    /// <summary>Session-less HTTP semantics: each statement runs in the database it names (or "default").</summary>
    private void UseDatabase(string? database)
    {
        var target = string.IsNullOrEmpty(database) ? DefaultDatabase : database;
        if (target == currentDatabase)
        {
            return;
        }

        RunControlStatement($"USE {QuoteIdentifier(target)}");
        currentDatabase = target;
    }

    /// <summary>
    /// Per-statement settings, as ClickHouse takes them from URL parameters. chDB only has connection-wide SET, so the
    /// connection is brought to exactly the requested settings; unchanged ones cost nothing (the driver repeats the
    /// same few on every request).
    /// </summary>
    private void ApplySettings(IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        var requested = settings.DistinctBy(s => s.Key).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        foreach (var name in appliedSettings.Keys.Where(name => !requested.ContainsKey(name)).ToList())
        {
            RunControlStatement($"SET {QuoteIdentifier(name)} = DEFAULT");
            appliedSettings.Remove(name);
        }

        foreach (var (name, value) in requested)
        {
            if (!appliedSettings.TryGetValue(name, out var current) || current != value)
            {
                RunControlStatement($"SET {QuoteIdentifier(name)} = {QuoteString(value)}");
                appliedSettings[name] = value;
            }
        }
    }

    private void RunControlStatement(string sql)
    {
        var arguments = new NativeCallArguments(sql, "TabSeparated", []);
        TakeResult(arguments.Query(connection)).Dispose();
    }

    private static string QuoteString(string value) =>
        new StringBuilder("'").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'').ToString();

    private static string QuoteIdentifier(string name) =>
        new StringBuilder("`").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)).Append('`').ToString();
}
