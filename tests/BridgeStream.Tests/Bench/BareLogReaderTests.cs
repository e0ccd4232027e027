using System.Text.Json;
using BridgeStream.Bench;

namespace BridgeStream.Tests.Bench;

public sealed class BareLogReaderTests
{
    private const string Log = """
        {"address":"0x4200000000000000000000000000000000000007","topics":["0x01","0x02"],"data":"0xabcd",
         "blockHash":"0x11","blockNumber":"0x10","transactionHash":"0x22","transactionIndex":"0x0","logIndex":"0x3","removed":false}
        """;

    [Fact]
    public void Counts_every_log_of_an_eth_getLogs_answer()
    {
        using var answer = JsonDocument.Parse($$"""{"jsonrpc":"2.0","id":1,"result":[{{Log}},{{Log}},{{Log}}]}""");

        Assert.Equal(3, BareLogReader.CountLogs(answer.RootElement));
    }

    [Fact]
    public void An_empty_result_is_zero_logs()
    {
        using var answer = JsonDocument.Parse("""{"jsonrpc":"2.0","id":1,"result":[]}""");

        Assert.Equal(0, BareLogReader.CountLogs(answer.RootElement));
    }

    [Fact]
    public void A_json_rpc_error_is_reported_not_counted()
    {
        using var answer = JsonDocument.Parse("""{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"query returned more than 10000 results"}}""");

        var error = Assert.Throws<InvalidOperationException>(() => BareLogReader.CountLogs(answer.RootElement));
        Assert.Contains("more than 10000 results", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_without_its_fields_is_refused()
    {
        using var answer = JsonDocument.Parse("""{"jsonrpc":"2.0","id":1,"result":[{"address":"0x42"}]}""");

        Assert.Throws<KeyNotFoundException>(() => BareLogReader.CountLogs(answer.RootElement));
    }
}
