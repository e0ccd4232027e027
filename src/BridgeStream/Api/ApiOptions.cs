namespace BridgeStream.Api;

/// <summary>
/// Configuration section "Api". With no keys and <see cref="AllowAnonymous"/> true (the default, which is what the
/// embedded `bridgestream up` runs with) the API is open. A deployment facing other people sets
/// <c>Api:AllowAnonymous=false</c> and lists keys: <c>Api:Keys:0:Name</c>, <c>Api:Keys:0:Key</c>,
/// <c>Api:Keys:0:RequestsPerMinute</c>; clients send the key in the <c>X-Api-Key</c> header (WebSocket clients
/// may send it instead as <c>X-Api-Key</c> in the connection_init payload).
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Requests a minute for all anonymous callers together; 0 means no limit.</summary>
    public int AnonymousRequestsPerMinute { get; set; }

    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Longest a single ClickHouse query may run (ClickHouse max_execution_time, and a cancellation here).</summary>
    public int QueryTimeoutSeconds { get; set; } = 10;

    /// <summary>How often the one shared subscription poller asks ClickHouse for changed messages.</summary>
    public int SubscriptionPollMilliseconds { get; set; } = 150;
}

public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key (shown in logs, never the key itself).</summary>
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>0 means no limit.</summary>
    public int RequestsPerMinute { get; set; } = 600;
}
