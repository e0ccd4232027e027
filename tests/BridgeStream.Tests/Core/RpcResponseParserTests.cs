using System.Text;
using BridgeStream.Rpc;

namespace BridgeStream.Tests.Core;

public sealed class RpcResponseParserTests
{
    [Fact]
    public void Parses_logs_with_and_without_block_timestamps()
    {
        const string json = """
            {"jsonrpc":"2.0","id":1,"result":[
              {"address":"0x25ace71c97b33cc4729cf772ae268934f7ab5fa1","topics":["0x4641df4a962071e12719d8c8c8e5ac7fc4d97b927346a3d7a335b1f7517e133c","0x00000000000000000000000000000000000000000000000000000000000000aa"],
               "data":"0x","blockNumber":"0x1b4","transactionHash":"0x0000000000000000000000000000000000000000000000000000000000000001","transactionIndex":"0x0",
               "blockHash":"0x0000000000000000000000000000000000000000000000000000000000000002","logIndex":"0x3","removed":false,"blockTimestamp":"0x65"},
              {"address":"0x25ace71c97b33cc4729cf772ae268934f7ab5fa1","topics":[],"data":"0x0102","blockNumber":"0x1b5","transactionHash":"0x0000000000000000000000000000000000000000000000000000000000000003",
               "blockHash":"0x0000000000000000000000000000000000000000000000000000000000000004","logIndex":"0x0","extra":{"nested":[1,2]}}
            ]}
            """;
        var logs = RpcResponseParser.ParseLogs(Encoding.UTF8.GetBytes(json), 10, "test");

        Assert.Equal(2, logs.Count);
        Assert.Equal(436UL, logs[0].BlockNumber);
        Assert.Equal(3u, logs[0].LogIndex);
        Assert.Equal(101, logs[0].BlockTimestamp);
        Assert.Equal("0x25ace71c97b33cc4729cf772ae268934f7ab5fa1", logs[0].Address.ToString());
        Assert.Equal(2, logs[0].Topics.Length);
        Assert.Equal(0, logs[0].Data.Length);
        Assert.Equal(0, logs[1].BlockTimestamp);
        Assert.Equal(new byte[] { 1, 2 }, logs[1].Data.ToArray());
        Assert.Equal(10UL, logs[1].ChainId);
    }

    [Fact]
    public void Full_blocks_yield_their_user_deposit_transactions_only()
    {
        // Shaped like anvil --network optimism / op-geth answers: a system deposit, a user deposit, a creation deposit, an
        // ordinary transaction; a second block the node does not have (null).
        const string json = """
            [{"jsonrpc":"2.0","id":1,"result":{"number":"0x7","hash":"0x830a90c23b64df2153ca83c5cd0db4b3f6659afce0384c0df98037b08d8ed752","timestamp":"0x65","transactions":[
               {"hash":"0x0000000000000000000000000000000000000000000000000000000000000001","type":"0x7e","from":"0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001","to":"0x4200000000000000000000000000000000000015","sourceHash":"0x01","isSystemTx":false},
               {"hash":"0x58421561795cd546b945886b9d239d54294354defb063ec616dd70d589233166","type":"0x7E","from":"0x1111000000000000000000000000000000002222","to":"0x4200000000000000000000000000000000000007","mint":"0x5"},
               {"hash":"0x0000000000000000000000000000000000000000000000000000000000000003","type":"0x7e","from":"0x1111000000000000000000000000000000002222","to":null},
               {"hash":"0x0000000000000000000000000000000000000000000000000000000000000004","type":"0x2","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","to":"0x000000000000000000000000000000000000beef"}]}},
             {"jsonrpc":"2.0","id":2,"result":null}]
            """;
        var block = Assert.Single(RpcResponseParser.ParseDepositBlocks(Encoding.UTF8.GetBytes(json), "test"));

        Assert.Equal((7UL, 101L), (block.Number, block.Timestamp));
        Assert.Equal(
            ["0x58421561795cd546b945886b9d239d54294354defb063ec616dd70d589233166", "0x0000000000000000000000000000000000000000000000000000000000000003"],
            block.Deposits.Select(d => d.Hash.ToString()));
        Assert.Equal("0x4200000000000000000000000000000000000007", block.Deposits[0].To.ToString());
        Assert.Equal(BridgeStream.Core.Primitives.Address.Zero, block.Deposits[1].To);
        Assert.Throws<RpcException>(() => RpcResponseParser.ParseDepositBlocks(
            Encoding.UTF8.GetBytes("""[{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"boom"}}]"""), "test"));
    }

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results", true)]
    [InlineData(-32000, "block range is too wide", true)]
    [InlineData(-32000, "header not found", false)]
    public void Errors_become_rpc_exceptions_that_say_whether_the_range_was_too_large(int code, string message, bool tooLarge)
    {
        var json = $$$"""{"jsonrpc":"2.0","id":1,"error":{"code":{{{code}}},"message":"{{{message}}}"}}""";
        var error = Assert.Throws<RpcException>(() => RpcResponseParser.ParseLogs(Encoding.UTF8.GetBytes(json), 1, "http://node"));
        Assert.Equal(code, error.Code);
        Assert.Equal(tooLarge, error.IsRangeTooLarge);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_headers_skips_unknown_blocks()
    {
        const string json = """
            [{"jsonrpc":"2.0","id":1,"result":{"number":"0xa","hash":"0x0000000000000000000000000000000000000000000000000000000000000010","parentHash":"0x0000000000000000000000000000000000000000000000000000000000000009","timestamp":"0x64","transactions":[]}},
             {"jsonrpc":"2.0","id":2,"result":null}]
            """;
        var header = Assert.Single(RpcResponseParser.ParseHeaders(Encoding.UTF8.GetBytes(json), "test"));
        Assert.Equal(10UL, header.Number);
        Assert.Equal(100, header.Timestamp);
    }
}
