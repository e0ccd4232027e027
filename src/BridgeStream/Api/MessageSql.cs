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
    private const string SortMillis =
        "toUnixTimestamp64Milli(coalesce(sent_at, delivered_at, toDateTime64(0, 3, 'UTC')))";

    public const string SelectColumns = """
        SELECT message_id, protocol, status, source_chain_id, destination_chain_id, sender, target,
               toString(value), toString(message_nonce), source_tx_hash, source_block_number,
               destination_tx_hash, destination_block_number,
               toUnixTimestamp64Milli(sent_at), toUnixTimestamp64Milli(delivered_at),
               latency_seconds, failed_attempts,
        """ + " " + SortMillis + " AS sort_ms\nFROM messages FINAL\n";

    public const string ById = SelectColumns + "WHERE message_id = {id:String}\nLIMIT 1";

    public static string Page(MessageFilter filter, bool hasCursor)
    {
        var conditions = FilterConditions(filter);
        if (hasCursor)
        {
            // Keyset paging: strictly after the cursor's (sort time, id) pair in the DESC order.
            conditions.Add("(sort_ms < {after_ms:Int64} OR (sort_ms = {after_ms:Int64} AND message_id < {after_id:String}))");
        }

        return SelectColumns + Where(conditions) + "ORDER BY sort_ms DESC, message_id DESC\nLIMIT {limit:UInt32}";
    }

    public static string Count(MessageFilter filter) =>
        "SELECT count() FROM messages FINAL\n" + Where(FilterConditions(filter));

    public static ClickHouseParameterCollection Parameters(MessageFilter filter, MessageCursor? after, int? limit)
    {
        var parameters = new ClickHouseParameterCollection();
        AddIfPresent(parameters, "status", filter.Status);
        AddIfPresent(parameters, "protocol", filter.Protocol);
        AddIfPresent(parameters, "source_chain_id", filter.SourceChainId);
        AddIfPresent(parameters, "destination_chain_id", filter.DestinationChainId);
        if (after is { } cursor)
        {
            parameters.AddParameter("after_ms", cursor.SortMillis);
            parameters.AddParameter("after_id", cursor.MessageId);
        }

        AddIfPresent(parameters, "limit", limit);
        return parameters;
    }

    private static List<string> FilterConditions(MessageFilter filter)
    {
        var conditions = new List<string>();
        if (filter.Status is not null)
        {
            conditions.Add("status = {status:String}");
        }

        if (filter.Protocol is not null)
        {
            conditions.Add("protocol = {protocol:String}");
        }

        if (filter.SourceChainId is not null)
        {
            conditions.Add("source_chain_id = {source_chain_id:UInt64}");
        }

        if (filter.DestinationChainId is not null)
        {
            conditions.Add("destination_chain_id = {destination_chain_id:UInt64}");
        }

        return conditions;
    }

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
