using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStackPortal;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using BridgeStream.Devnet;
using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The devnet OP Stack on real anvil chains: the portal's TransactionDeposited decoded by the core, the op-node's deposit
/// transaction landing on the L2 under exactly the hash the core derives, the messenger relaying only from the aliased L1
/// messenger, the L2ToL1MessagePasser predeploy's withdrawal hashes, and the portal's proof maturity delay enforced on chain
/// (COMPRESSED: the fixture's window is the devnet's 20 s default).
/// </summary>
public sealed class OpStackLifecycleDevnetTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private const long L2 = DevnetFixture.L2ChainId;
    private static readonly HttpClient Http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_messenger_deposit_goes_through_the_portal_and_arrives_as_the_derived_deposit_transaction()
    {
        var sent = (await devnet.Simulator.SendDepositsAsync(L2, 1, Ct))[0];
        var deposit = Assert.IsType<DerivedDeposit>(sent.Deposit);

        // The portal's log, decoded by the core decoder, keys the deposit by the hash the L2 will give its transaction.
        var l1Logs = await LogsAsync(DevnetFixture.L1ChainId, devnet.Deployment.PortalFor(L2).Address);
        var portalLog = Assert.Single(l1Logs, l => l.TransactionHash == Hash32.Parse(sent.L1TxHash));
        var sink = new CollectingSink();
        new BridgeLogDecoder([new OpStackPortalDecoder()]).Decode([portalLog], new DecodeContext((ulong)DevnetFixture.L1ChainId, new ContractDirectory([]), 0), sink);
        var send = Assert.Single(sink.Events);
        Assert.Equal(deposit.L2TxHash, send.CorrelationKey.ToString());
        Assert.Equal(sent.ExpectedMsgHash, send.CarriedMessageId.ToString());
        // A contract (the L1 messenger) deposited: the portal aliased it.
        Assert.Equal(AddressAlias.ApplyL1ToL2(Address.Parse(devnet.Deployment.L1MessengerFor(L2).Address)), send.Sender);

        var relay = await devnet.Simulator.RelayAsync(sent, makeFail: false, Ct);
        Assert.Equal(RelayOutcome.Relayed, relay.Outcome);
        Assert.Equal(deposit.L2TxHash, relay.L2TxHash);

        var block = Assert.Single(await Rpc(L2).GetDepositBlocksAsync([(ulong)relay.L2BlockNumber], Ct));
        Assert.Equal(deposit.L2TxHash, Assert.Single(block.Deposits).Hash.ToString());
    }

    [Fact]
    public async Task Only_the_aliased_L1_messenger_delivers_first_and_a_deposit_is_included_once()
    {
        var sent = await devnet.Simulator.SendDepositsAsync(L2, 2, Ct);
        var relayed = await devnet.Simulator.RelayAsync(sent[0], makeFail: false, Ct);
        Assert.Equal(RelayOutcome.Relayed, relayed.Outcome);
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.RelayAsync(sent[0], makeFail: false, Ct));

        // An ordinary account cannot deliver a message that never failed (only replays are open to anyone).
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.ReplayAsync(sent[1], Ct));
    }

    [Fact]
    public async Task A_portal_only_deposit_that_reverts_on_L2_is_included_with_status_0()
    {
        var target = devnet.Deployment.TargetsOn(L2)[0].Address;
        var ok = await devnet.Simulator.SendPortalDepositAsync(L2, "0x00000000000000000000000000000000000b0b01", 1234, 100_000, [], ct: Ct);
        var bad = await devnet.Simulator.SendPortalDepositAsync(L2, target, 0, 100_000, [0xde, 0xad, 0xbe, 0xef], mint: 5, ct: Ct);
        Assert.Equal(Hash32.Zero.ToString(), ok.CarriedMessageHash);

        var okRun = await devnet.Simulator.IncludeDepositAsync(ok, Ct);
        var badRun = await devnet.Simulator.IncludeDepositAsync(bad, Ct);
        Assert.True(okRun.Succeeded);
        Assert.False(badRun.Succeeded);
        Assert.Equal(bad.L2TxHash, badRun.L2TxHash);
        var statuses = await Rpc(L2).GetReceiptStatusesAsync([Hash32.Parse(ok.L2TxHash), Hash32.Parse(bad.L2TxHash)], Ct);
        Assert.True(statuses[Hash32.Parse(ok.L2TxHash)]);
        Assert.False(statuses[Hash32.Parse(bad.L2TxHash)]);
    }

    [Fact]
    public async Task A_withdrawal_is_proven_then_finalizable_only_after_the_proof_maturity_delay()
    {
        var window = devnet.Deployment.ChallengeWindowSeconds(L2);
        var withdrawal = await devnet.Simulator.InitiateWithdrawalAsync(L2, "0x00000000000000000000000000000000000b0b02", 777, 100_000, [], ct: Ct);
        var passer = await LogsAsync(L2, OpStackWithdrawalContracts.L2ToL1MessagePasser.ToString());
        Assert.Contains(passer, l => l.TransactionHash == Hash32.Parse(withdrawal.L2TxHash) && l.Topic0 == OpStackWithdrawalSignatures.MessagePassed);

        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.FinalizeWithdrawalAsync(withdrawal, Ct)); // unproven
        var proof = await devnet.Simulator.ProveWithdrawalAsync(withdrawal, Ct);
        var portalLogs = (await LogsAsync(DevnetFixture.L1ChainId, devnet.Deployment.PortalFor(L2).Address))
            .Where(l => l.TransactionHash == Hash32.Parse(proof.L1TxHash)).ToList();
        Assert.Equal([OpStackWithdrawalSignatures.WithdrawalProven, OpStackWithdrawalSignatures.WithdrawalProvenExtension1], portalLogs.Select(l => l.Topic0));
        Assert.All(portalLogs, l => Assert.Equal(withdrawal.WithdrawalHash, l.Topics[1].ToString()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.FinalizeWithdrawalAsync(withdrawal, Ct)); // not matured
        await WarpAsync(DevnetFixture.L1ChainId, window + 1);
        var finalized = await devnet.Simulator.FinalizeWithdrawalAsync(withdrawal, Ct);
        Assert.True(finalized.Success);
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Simulator.FinalizeWithdrawalAsync(withdrawal, Ct)); // finalized once
    }

    [Fact]
    public async Task An_L2_to_L1_message_is_relayed_by_the_L1_messenger_when_its_withdrawal_is_finalized_and_a_failed_target_call_finalizes_as_failed()
    {
        var (target, call, tag) = devnet.Simulator.L1TargetCall(L2);
        var message = await devnet.Simulator.SendMessageToL1Async(L2, target, call, 50_000, 0, tag, ct: Ct);
        var blocked = await devnet.Simulator.InitiateWithdrawalAsync(L2, target, 0, 60_000, call, ct: Ct);
        await devnet.Simulator.SetL1TargetBlockedAsync(target, tag, blocked: true, Ct);
        await devnet.Simulator.ProveWithdrawalAsync(message.Withdrawal, Ct);
        await devnet.Simulator.ProveWithdrawalAsync(blocked, Ct);
        await WarpAsync(DevnetFixture.L1ChainId, devnet.Deployment.ChallengeWindowSeconds(L2) + 1);

        var relayed = await devnet.Simulator.FinalizeWithdrawalAsync(message.Withdrawal, Ct);
        Assert.True(relayed.Success); // the messenger recorded the failure itself: the portal's call succeeded
        Assert.Equal(RelayOutcome.Failed, relayed.MessengerOutcome);
        var failed = await devnet.Simulator.FinalizeWithdrawalAsync(blocked, Ct);
        Assert.False(failed.Success);
        Assert.Null(failed.MessengerOutcome);

        var replay = await devnet.Simulator.ReplayOnL1Async(message, Ct);
        Assert.Equal(RelayOutcome.Relayed, replay.Outcome);
        Assert.Equal(message.MessageHash, replay.MsgHash);
    }

    /// <summary>anvil keeps mined deposits in its pool and can mine them again; the op-node must leave each in exactly one block.</summary>
    [Fact]
    public async Task Every_deposit_transaction_is_in_exactly_one_L2_block()
    {
        var rpc = Rpc(L2);
        var from = await rpc.BlockNumberAsync(Ct);
        var hashes = new List<string>();
        foreach (var sent in await devnet.Simulator.SendDepositsAsync(L2, 40, Ct))
        {
            await devnet.Simulator.RelayAsync(sent, makeFail: false, Ct);
            hashes.Add(sent.Deposit!.L2TxHash);
        }

        for (var i = 0; i < 20; i++)
        {
            var deposit = await devnet.Simulator.SendPortalDepositAsync(L2, $"0x00000000000000000000000000000000000c{i:x4}", 1 + i, 100_000, [], ct: Ct);
            await devnet.Simulator.IncludeDepositAsync(deposit, Ct);
            hashes.Add(deposit.L2TxHash);
        }

        await rpc.CallAsync("evm_mine", "[]", Ct); // a later block, where a leftover would be mined again
        var to = await rpc.BlockNumberAsync(Ct);
        var blocks = await rpc.GetDepositBlocksAsync([.. Enumerable.Range((int)from + 1, (int)(to - from)).Select(n => (ulong)n)], Ct);
        var included = blocks.SelectMany(b => b.Deposits.Select(d => d.Hash.ToString())).ToList();
        Assert.Equal(hashes.Order(StringComparer.Ordinal), included.Order(StringComparer.Ordinal));
    }

    private async Task WarpAsync(long chainId, long seconds)
    {
        var rpc = Rpc(chainId);
        await rpc.CallAsync("evm_increaseTime", $"[{seconds}]", Ct);
        await rpc.CallAsync("evm_mine", "[]", Ct);
    }

    private JsonRpcClient Rpc(long chainId) => new(Http, [devnet.Deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);

    private async Task<List<RawLog>> LogsAsync(long chainId, string address)
    {
        var rpc = Rpc(chainId);
        var head = await rpc.BlockNumberAsync(Ct);
        return await rpc.GetLogsAsync(0, head, [Address.Parse(address)],
            [OpStackPortalSignatures.TransactionDeposited, .. OpStackWithdrawalSignatures.AllTopics], Ct);
    }
}
