using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace BridgeStream.Api;

/// <summary>
/// The SQL the API runs against <c>messages</c>. Every value travels as a server-side query parameter
/// ({name:Type}); the SQL text is only ever assembled from the fixed fragments below.
/// FINAL makes ClickHouse collapse the ReplacingMergeTree to the highest <c>version</c> of each message
/// before filtering, so an old version never matches a filter its newest version does not.
/// </summary>
internal static class MessageSql
{
    private const string SentSortKey =
        "toUnixTimestamp64Milli(coalesce(sent_at, delivered_at, toDateTime64(0, 3, 'UTC')))";

    // Milliseconds of latency; -1 for "no latency" so undelivered messages come after every delivered one.
    private const string LatencySortKey = "toInt64(round(ifNull(latency_seconds, -0.001) * 1000))";

    /// <summary>
    /// The status as of now: a stored SENT/PROVEN message whose challenge window has ended is READY_TO_FINALIZE, a stored
    /// SENT/ARRIVED/FAILED one past its expiry is EXPIRED (an unredeemed Arbitrum ticket; an OP interop message not relayed
    /// within its expiry window). Wall-clock time of the ClickHouse server against block times.
    /// </summary>
    public const string EffectiveStatus =
        "multiIf(status IN ('SENT', 'PROVEN') AND finalizable_at <= now64(3), 'READY_TO_FINALIZE', " +
        "status IN ('SENT', 'ARRIVED', 'FAILED') AND expires_at <= now64(3), 'EXPIRED', status)";

    private const string Columns = """
        SELECT message_id, protocol, 
        """ + EffectiveStatus + """
        , source_chain_id, destination_chain_id, sender, target,
               toString(value), toString(message_nonce), source_tx_hash, source_block_number,
               destination_tx_hash, destination_block_number,
               toUnixTimestamp64Milli(sent_at), toUnixTimestamp64Milli(delivered_at),
               latency_seconds, failed_attempts,
        """ + " " + SentSortKey + " AS sort_ms, " + LatencySortKey + " AS latency_ms, version, toUnixTimestamp64Milli(updated_at),\n" + """
               proof_system, source_contract, destination_contract, asset, toString(amount), toUnixTimestamp64Milli(arrived_at),
               toUnixTimestamp64Milli(proven_at), toUnixTimestamp64Milli(finalizable_at), toUnixTimestamp64Milli(expires_at),
               carried_message_id

        """;

    public const string SelectColumns = Columns + "FROM messages FINAL\n";

    public const string ById = SelectColumns + "WHERE message_id = {id:String}\nLIMIT 1";

    /// <summary>
    /// Messages whose send or (latest) receive happened in one transaction, plus any whose events in bridge_events
    /// name that transaction (failed relay attempts, proofs: steps the messages row no longer points at).
    /// </summary>
    public const string ByTransaction = SelectColumns + """
        WHERE (source_chain_id = {chain_id:UInt64} AND source_tx_hash = {tx_hash:String})
           OR (destination_chain_id = {chain_id:UInt64} AND destination_tx_hash = {tx_hash:String})
           OR message_id IN (SELECT correlation_key FROM bridge_events FINAL WHERE chain_id = {chain_id:UInt64} AND tx_hash = {tx_hash:String})
        ORDER BY sort_ms, message_id
        LIMIT 1000
        """;

    /// <summary>Every event of these messages, in chain order per message.</summary>
    public const string History = """
        SELECT correlation_key, kind, chain_id, block_number, block_hash, tx_hash, log_index, toUnixTimestamp64Milli(block_time)
        FROM bridge_events FINAL
        WHERE correlation_key IN {ids:Array(String)}
        ORDER BY correlation_key, block_time, chain_id, block_number, log_index
        """;

    /// <summary>Row versions written after a point in time, without FINAL: a subscription wants every new version.</summary>
    public const string UpdatedSince = Columns + """
        FROM messages
        WHERE updated_at > fromUnixTimestamp64Milli({since_ms:Int64}, 'UTC')
        ORDER BY updated_at, message_id, version
        LIMIT 10000
        """;

    public const string LatestUpdate = "SELECT toUnixTimestamp64Milli(max(updated_at)) FROM messages";

    public static long SortKeyOf(MessageOrder order, MessageRecord message) =>
        order == MessageOrder.LatencyDesc ? message.LatencySortKey : message.SortMillis;

    public static string Page(MessageFilter filter, MessageOrder order, bool hasCursor)
    {
        var conditions = FilterConditions(filter);
        var (key, direction, comparison) = order switch
        {
            MessageOrder.SentAtAsc => ("sort_ms", "ASC", ">"),
            MessageOrder.LatencyDesc => ("latency_ms", "DESC", "<"),
            _ => ("sort_ms", "DESC", "<"),
        };
        if (hasCursor)
        {
            // Keyset paging: strictly past the cursor's (sort key, id) pair in this ordering.
            conditions.Add($"({key} {comparison} {{after_key:Int64}} OR ({key} = {{after_key:Int64}} AND message_id {comparison} {{after_id:String}}))");
        }

        return SelectColumns + Where(conditions) + $"ORDER BY {key} {direction}, message_id {direction}\nLIMIT {{limit:UInt32}}";
    }

    public static string Count(MessageFilter filter) =>
        "SELECT count() FROM messages FINAL\n" + Where(FilterConditions(filter));

    public static ClickHouseParameterCollection Parameters(MessageFilter filter, MessageCursor? after, int? limit)
    {
        var parameters = new ClickHouseParameterCollection();
        AddIfPresent(parameters, "status", filter.Status);
        AddIfPresent(parameters, "protocol", filter.Protocol);
        AddIfPresent(parameters, "proof_system", filter.ProofSystem);
        AddIfPresent(parameters, "asset", filter.Asset);
        AddIfPresent(parameters, "source_chain_id", filter.SourceChainId);
        AddIfPresent(parameters, "destination_chain_id", filter.DestinationChainId);
        AddIfPresent(parameters, "sender", filter.Sender);
        AddIfPresent(parameters, "target", filter.Target);
        AddIfPresent(parameters, "sent_after_ms", ToMillis(filter.SentAfter));
        AddIfPresent(parameters, "sent_before_ms", ToMillis(filter.SentBefore));
        AddIfPresent(parameters, "min_value", filter.MinValue?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddIfPresent(parameters, "min_latency", filter.MinLatencySeconds);
        if (after is { } cursor)
        {
            parameters.AddParameter("after_key", cursor.SortKey);
            parameters.AddParameter("after_id", cursor.MessageId);
        }

        AddIfPresent(parameters, "limit", limit);
        return parameters;
    }

    private static List<string> FilterConditions(MessageFilter filter)
    {
        var conditions = new List<string>();
        AddIf(conditions, filter.Status is not null, EffectiveStatus + " = {status:String}");
        AddIf(conditions, filter.Protocol is not null, "protocol = {protocol:String}");
        AddIf(conditions, filter.ProofSystem is not null, "proof_system = {proof_system:String}");
        AddIf(conditions, filter.Asset is not null, "asset = {asset:String}");
        AddIf(conditions, filter.SourceChainId is not null, "source_chain_id = {source_chain_id:UInt64}");
        AddIf(conditions, filter.DestinationChainId is not null, "destination_chain_id = {destination_chain_id:UInt64}");
        AddIf(conditions, filter.Sender is not null, "sender = {sender:String}");
        AddIf(conditions, filter.Target is not null, "target = {target:String}");
        AddIf(conditions, filter.SentAfter is not null, "sent_at >= fromUnixTimestamp64Milli({sent_after_ms:Int64}, 'UTC')");
        AddIf(conditions, filter.SentBefore is not null, "sent_at < fromUnixTimestamp64Milli({sent_before_ms:Int64}, 'UTC')");
        AddIf(conditions, filter.MinValue is not null, "value >= toUInt256({min_value:String})");
        AddIf(conditions, filter.MinLatencySeconds is not null, "latency_seconds > {min_latency:Float64}");
        return conditions;
    }

    private static void AddIf(List<string> conditions, bool condition, string sql)
    {
        if (condition)
        {
            conditions.Add(sql);
        }
    }

    private static long? ToMillis(DateTime? time) =>
        time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds() : null;

    private static string Where(List<string> conditions) =>
        conditions.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", conditions) + "\n";

    private static void AddIfPresent(ClickHouseParameterCollection parameters, string name, object? value)
    {
        if (value is not null)
        {
            parameters.AddParameter(name, value);
        }
    }
}
