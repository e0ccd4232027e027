using System.Text;
using System.Text.Json;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.LogDecoding;
using BridgeStream.Tests.Infrastructure;

namespace BridgeStream.Tests.LogDecoding;

/// <summary>`bridgestream decode`: real logs in, one JSON object per bridge event out; bad input is a clear error.</summary>
public sealed class DecodeToolTests
{
    [Fact]
    public void A_real_deposit_transaction_gives_its_messenger_and_portal_events_with_keys_and_known_deployments()
    {
        var json = File.ReadAllText(Fixtures.PathOf(Path.Combine("opstack", "op-l1-send-eth-deposit.json")));
        var (events, problems, summary) = Run(LogsOf(json), chainId: 1);

        Assert.Equal(2, summary.Events);
        Assert.Empty(problems);
        var messenger = events.Single(e => e.GetProperty("protocol").GetString() == "OP_STACK_MESSENGER");
        var portal = events.Single(e => e.GetProperty("protocol").GetString() == "OP_STACK_PORTAL");
        Assert.Equal("MESSAGE_SENT", messenger.GetProperty("kind").GetString());
        Assert.Equal(Expected(json, "msgHash"), messenger.GetProperty("correlationKey").GetString());
        Assert.True(messenger.GetProperty("knownDeployment").GetBoolean());
        Assert.Equal(OpStackMessengerModule.L1Kind, messenger.GetProperty("deploymentKind").GetString());
        Assert.Equal(10, messenger.GetProperty("destinationChainId").GetInt64());
        // The portal deposit transports exactly that messenger message.
        Assert.Equal(messenger.GetProperty("correlationKey").GetString(), portal.GetProperty("carriedMessageId").GetString());
    }

    [Fact]
    public void An_unknown_emitter_still_decodes_and_says_so_and_foreign_logs_are_reported_with_a_reason()
    {
        var json = File.ReadAllText(Fixtures.PathOf(Path.Combine("opstack", "op-l1-send-eth-deposit.json")));
        using var document = JsonDocument.Parse(LogsOf(json));
        var logs = document.RootElement.EnumerateArray().Select(l => l.GetRawText()).ToList();
        // The same logs from another address, plus an ERC-20 Transfer that no bridge protocol emits.
        var moved = logs.Select(l => l.Replace("0x25ace71c97b33cc4729cf772ae268934f7ab5fa1", "0x1111111111111111111111111111111111111111", StringComparison.OrdinalIgnoreCase));
        const string transfer = """{"address":"0xdac17f958d2ee523a2206206994597c13d831ec7","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],"data":"0x","blockNumber":"0x1","blockHash":"0x0000000000000000000000000000000000000000000000000000000000000001","transactionHash":"0x0000000000000000000000000000000000000000000000000000000000000002","logIndex":"0x0"}""";
        var (events, problems, summary) = Run("[" + string.Join(",", moved.Append(transfer)) + "]", chainId: 1);

        var messenger = events.Single(e => e.GetProperty("protocol").GetString() == "OP_STACK_MESSENGER");
        Assert.False(messenger.GetProperty("knownDeployment").GetBoolean());
        Assert.Contains("not a known", messenger.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(Expected(json, "msgHash"), messenger.GetProperty("correlationKey").GetString());
        var foreign = Assert.Single(problems);
        Assert.Contains("no bridge protocol has an event with topic0", foreign.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, summary.Unrecognised);
    }

    [Fact]
    public void A_malformed_bridge_log_is_reported_with_its_reason_and_the_rest_still_decodes()
    {
        var json = File.ReadAllText(Fixtures.PathOf(Path.Combine("opstack", "op-l1-send-eth-deposit.json")));
        var truncated = JsonDocument.Parse(LogsOf(json)).RootElement.EnumerateArray()
            .Select(l => l.GetProperty("topics")[0].GetString() == OpStackSignatures.SentMessage.ToString() ? l.GetRawText().Replace(l.GetProperty("data").GetString()!, "0x00", StringComparison.Ordinal) : l.GetRawText());
        var (events, problems, _) = Run("[" + string.Join(",", truncated) + "]", chainId: 1);

        Assert.DoesNotContain(events, e => e.GetProperty("protocol").GetString() == "OP_STACK_MESSENGER");
        Assert.Contains(events, e => e.GetProperty("protocol").GetString() == "OP_STACK_PORTAL");
        Assert.Contains(problems, p => p.GetProperty("reason").GetString()!.Contains("SentMessage", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"a\":1}", "expected a JSON array")]
    [InlineData("[1]", "log 0: expected an object")]
    [InlineData("[{\"topics\":[]}]", "log 0: 'topics' must be an array of 1 to 4 hashes")]
    [InlineData("[{\"address\":\"0x0000000000000000000000000000000000000001\",\"topics\":[\"0x00\"]}]", "log 0: topics[0] is not a 32-byte")]
    public void Input_that_is_not_an_array_of_logs_is_a_clear_error(string input, string message)
    {
        var error = Assert.Throws<LogInputException>(() => JsonLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(input)), 1));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_missing_a_field_names_the_field()
    {
        var json = File.ReadAllText(Fixtures.PathOf(Path.Combine("opstack", "op-l1-send-eth-deposit.json")));
        var withoutIndex = JsonDocument.Parse(LogsOf(json)).RootElement[0].GetRawText().Replace("\"logIndex\"", "\"logIndexX\"", StringComparison.Ordinal);
        var error = Assert.Throws<LogInputException>(() => JsonLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("[" + withoutIndex + "]")), 1));
        Assert.Contains("'logIndex' is missing", error.Message, StringComparison.Ordinal);
    }

    private static (List<JsonElement> Events, List<JsonElement> Problems, DecodeSummary Summary) Run(string logsJson, ulong chainId)
    {
        var logs = JsonLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(logsJson)), chainId);
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        var summary = new LogDecodeTool(ProtocolCatalog.MainnetContracts, ProtocolCatalog.MainnetDomains).Run(logs, chainId, output, errors);
        return (Lines(output), Lines(errors), summary);
    }

    private static List<JsonElement> Lines(MemoryStream stream) =>
        [.. Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    // Fixture logs lack blockHash; the tool needs one (a real eth_getLogs answer always has it).
    private static string LogsOf(string fixtureJson)
    {
        using var document = JsonDocument.Parse(fixtureJson);
        var logs = document.RootElement.GetProperty("logs").EnumerateArray().Select(l =>
            l.TryGetProperty("blockHash", out _) ? l.GetRawText() : l.GetRawText().TrimEnd('}') + ",\"blockHash\":\"0x" + new string('a', 64) + "\"}");
        return "[" + string.Join(",", logs) + "]";
    }

    private static string Expected(string fixtureJson, string field)
    {
        using var document = JsonDocument.Parse(fixtureJson);
        return document.RootElement.GetProperty("expected").GetProperty(field).GetString()!;
    }
}
