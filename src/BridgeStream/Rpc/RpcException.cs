namespace BridgeStream.Rpc;

/// <summary>A JSON-RPC error answer, or a transport failure, from one endpoint.</summary>
public sealed class RpcException : Exception
{
    public RpcException(string endpoint, string method, int code, string message)
        : base($"{method} on {endpoint} failed ({code}): {message}")
    {
        Endpoint = endpoint;
        Method = method;
        Code = code;
    }

    public RpcException(string endpoint, string method, string message, Exception inner)
        : base($"{method} on {endpoint} failed: {message}", inner)
    {
        Endpoint = endpoint;
        Method = method;
        Code = TransportErrorCode;
    }

    public const int TransportErrorCode = -1;

    public string Endpoint { get; }

    public string Method { get; }

    public int Code { get; }

    /// <summary>Providers phrase "your range is too big" in many ways; these are the common ones.</summary>
    public bool IsRangeTooLarge =>
        Code is -32005 or -32602 or -32614 ||
        Message.Contains("too many", StringComparison.OrdinalIgnoreCase) ||
        Message.Contains("range", StringComparison.OrdinalIgnoreCase) ||
        Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ||
        Message.Contains("response size", StringComparison.OrdinalIgnoreCase);
}
