namespace BridgeStream.ClickHouse;

/// <summary>A migration could not be applied, or an applied one was changed afterwards.</summary>
public sealed class ClickHouseMigrationException : Exception
{
    public ClickHouseMigrationException()
    {
    }

    public ClickHouseMigrationException(string message)
        : base(message)
    {
    }

    public ClickHouseMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
