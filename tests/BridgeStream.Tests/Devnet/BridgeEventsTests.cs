using System.Numerics;
using System.Text;
using BridgeStream.Devnet;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// Deposits and relays on real anvil chains, read back with eth_getLogs and checked against the OP Stack event
/// signatures and Hashing.hashCrossDomainMessageV1.
/// </summary>
public sealed class BridgeEventsTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    // The exact OP Stack CrossDomainMessenger event signatures.
    private static readonly string SentMessageTopic = Topic("SentMessage(address,address,bytes,uint256,uint256)");
    private static readonly string SentMessageExtension1Topic = Topic("SentMessageExtension1(address,uint256)");
    private static readonly string RelayedMessageTopic = Topic("RelayedMessage(bytes32)");
    private static readonly string FailedRelayedMessageTopic = Topic("FailedRelayedMessage(bytes32)");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Relays_report_the_op_stack_hash_of_the_sent_message()
    {
        var sent = await devnet.Simulator.SendDepositsAsync(DevnetFixture.L2ChainId, 10, Ct);
        var toFail = sent.Where(d => d.TargetTag is not null).Take(2).ToList();
        Assert.Equal(2, toFail.Count);
        foreach (var deposit in sent)
        {
            var result = await devnet.Simulator.RelayAsync(deposit, makeFail: toFail.Contains(deposit), Ct);
            Assert.Equal(toFail.Contains(deposit) ? RelayOutcome.Failed : RelayOutcome.Relayed, result.Outcome);
            Assert.Equal(deposit.ExpectedMsgHash, result.MsgHash);
        }

        var replayed = await devnet.Simulator.ReplayAsync(toFail[0], Ct);
        Assert.Equal(RelayOutcome.Relayed, replayed.Outcome);

        var l1Logs = await LogsOfTxsAsync(devnet.Deployment.L1MessengerFor(DevnetFixture.L2ChainId), sent.Select(d => d.L1TxHash));
        var messages = ReadSentMessages(l1Logs);
        Assert.Equal(sent.Select(d => d.ExpectedMsgHash), messages.Select(m => m.Hash));

        var l2Logs = await GetLogsAsync(devnet.Deployment.L2MessengerOn(DevnetFixture.L2ChainId));
        var relayedHashes = HashesWithTopic(l2Logs, RelayedMessageTopic);
        var failedHashes = HashesWithTopic(l2Logs, FailedRelayedMessageTopic);
        foreach (var message in messages)
        {
            var failedFirst = toFail.Any(d => d.ExpectedMsgHash == message.Hash);
            Assert.Equal(failedFirst ? 1 : 0, failedHashes.Count(h => h == message.Hash));
            var replayedLater = message.Hash == toFail[0].ExpectedMsgHash;
            Assert.Equal(failedFirst && !replayedLater ? 0 : 1, relayedHashes.Count(h => h == message.Hash));
        }
    }

    [Fact]
    public async Task A_relayed_message_cannot_be_relayed_or_replayed_again_and_an_unfailed_one_cannot_be_replayed()
    {
        var sent = await devnet.Simulator.SendDepositsAsync(DevnetFixture.L2ChainId, 2, Ct);
        Assert.Equal(RelayOutcome.Relayed, (await devnet.Simulator.RelayAsync(sent[0], makeFail: false, Ct)).Outcome);

        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.RelayAsync(sent[0], makeFail: false, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.ReplayAsync(sent[0], Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.ReplayAsync(sent[1], Ct));

        // The rejected attempts left the accounts' nonces usable.
        Assert.Equal(RelayOutcome.Relayed, (await devnet.Simulator.RelayAsync(sent[1], makeFail: false, Ct)).Outcome);
    }

    [Fact]
    public async Task Batches_emit_two_logs_per_deposit_and_one_per_relay_with_matching_hashes()
    {
        const int count = 40;
        var batch = await devnet.Simulator.SendDepositBatchAsync(DevnetFixture.L2ChainId, count, Ct);
        Assert.Equal(2 * count, batch.LogCount);
        var relay = await devnet.Simulator.RelayBatchAsync(batch, Ct);
        Assert.Equal((count, 0, count), (relay.Relayed, relay.Failed, relay.LogCount));

        var messages = ReadSentMessages(await LogsOfTxsAsync(devnet.Deployment.L1MessengerFor(DevnetFixture.L2ChainId), [batch.L1TxHash]));
        Assert.Equal(count, messages.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => batch.FirstNonce + i), messages.Select(m => m.Nonce));
        var l2Logs = await LogsOfTxsAsync(devnet.Deployment.L2MessengerOn(DevnetFixture.L2ChainId), [relay.L2TxHash]);
        Assert.Equal(messages.Select(m => m.Hash), HashesWithTopic(l2Logs, RelayedMessageTopic));
    }

    [Fact]
    public async Task Nonces_carry_message_version_1()
    {
        var sent = await devnet.Simulator.SendDepositsAsync(DevnetFixture.L2ChainId, 1, Ct);
        Assert.Equal(BigInteger.One, sent[0].MessageNonce >> 240);
    }

    [Fact]
    public async Task The_dev_accounts_are_anvils_funded_accounts()
    {
        var web3 = new Web3(devnet.Deployment.Chain(DevnetFixture.L1ChainId).RpcUrl);
        var accounts = await web3.Eth.Accounts.SendRequestAsync();
        Assert.Equal(
            accounts.Select(a => a.ToLowerInvariant()),
            Enumerable.Range(0, DevnetAccounts.Count).Select(i => DevnetAccounts.AddressOf(i).ToLowerInvariant()));
    }

    [Fact]
    public void The_deployment_round_trips_through_json()
    {
        var json = devnet.Deployment.ToJson();
        var back = DevnetDeployment.FromJson(json);
        Assert.Equal(devnet.Deployment.Chains, back.Chains);
        Assert.Equal(devnet.Deployment.Contracts, back.Contracts);
        Assert.Equal(devnet.Deployment.Targets, back.Targets);
        Assert.Contains("\"kind\": \"L1CrossDomainMessenger\"", json, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => DevnetDeployment.FromJson("{\"chains\": 3}"));
    }

    private sealed record LoggedMessage(BigInteger Nonce, string Hash);

    /// <summary>SentMessage logs, each checked to be directly followed by its SentMessageExtension1 in the same tx.</summary>
    private static List<LoggedMessage> ReadSentMessages(FilterLog[] logs)
    {
        var messages = new List<LoggedMessage>();
        for (var i = 0; i < logs.Length; i++)
        {
            Assert.Contains(logs[i].Topics[0].ToString(), new[] { SentMessageTopic, SentMessageExtension1Topic });
            if (logs[i].Topics[0].ToString() != SentMessageTopic)
            {
                continue;
            }

            Assert.True(i + 1 < logs.Length, "SentMessage is the last log");
            var next = logs[i + 1];
            Assert.Equal(SentMessageExtension1Topic, next.Topics[0].ToString());
            Assert.Equal(logs[i].TransactionHash, next.TransactionHash);
            Assert.Equal(logs[i].LogIndex.Value + 1, next.LogIndex.Value);

            var sent = logs[i].DecodeEvent<SentMessageEvent>().Event;
            var extension = next.DecodeEvent<SentMessageExtension1Event>().Event;
            Assert.Equal(sent.Sender.ToLowerInvariant(), extension.Sender.ToLowerInvariant());
            var hash = DevnetMessageHash.ComputeV1Hex(sent.MessageNonce, sent.Sender, sent.Target, extension.Value, sent.GasLimit, sent.Message);
            messages.Add(new LoggedMessage(sent.MessageNonce, hash));
        }

        return messages;
    }

    private static List<string> HashesWithTopic(FilterLog[] logs, string topic) =>
        logs.Where(l => l.Topics[0].ToString() == topic).Select(l => l.Topics[1].ToString()!).ToList();

    private async Task<FilterLog[]> LogsOfTxsAsync(DevnetContract contract, IEnumerable<string> txHashes)
    {
        var wanted = txHashes.ToHashSet();
        return (await GetLogsAsync(contract)).Where(l => wanted.Contains(l.TransactionHash)).ToArray();
    }

    private async Task<FilterLog[]> GetLogsAsync(DevnetContract contract)
    {
        var web3 = new Web3(devnet.Deployment.Chain(contract.ChainId).RpcUrl);
        var filter = new NewFilterInput
        {
            Address = [contract.Address],
            FromBlock = new BlockParameter((ulong)contract.DeployedAtBlock),
            ToBlock = BlockParameter.CreateLatest(),
        };
        return await web3.Eth.Filters.GetLogs.SendRequestAsync(filter);
    }

    private static string Topic(string signature) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(signature)).ToHex(prefix: true);
}
