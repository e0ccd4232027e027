using System.Globalization;
using System.Numerics;
using System.Text.Json;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using BridgeStream.Devnet;
using BridgeStream.Rpc;
using BridgeStream.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>
/// Every OP Stack lifecycle end to end (devnet -> ingest -> Kafka -> `bridgestream process` -> ClickHouse -> GraphQL):
/// messenger deposits and their portal deposits, a portal deposit whose L2 execution failed, withdrawals through
/// SENT -> PROVEN -> READY_TO_FINALIZE -> DELIVERED (and a finalize that failed), an L2 -> L1 messenger message relayed by
/// its finalized withdrawal. The challenge window is COMPRESSED (a few seconds, enforced by the devnet portal) in the
/// first test; the second uses the real 7 days and warps every devnet chain's clock together.
/// </summary>
public sealed class OpStackLifecycleEndToEndTests(EmbeddedClickHouseFixture clickHouse)
{
    private const long CompressedWindowSeconds = 6;
    private const string Fields =
        "id protocol status sourceChainId destinationChainId sender target value asset amount sourceTxHash destinationTxHash " +
        "sentAt provenAt deliveredAt finalizableAt challengeSecondsLeft carriedMessageId failedAttempts";

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Deposits_withdrawals_and_L2_to_L1_messages_reach_GraphQL_with_their_lifecycle_states()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await StartAsync("op_lifecycles", CompressedWindowSeconds, ct);
        var sim = harness.Simulator;
        var deployment = harness.Devnet.Deployment;
        var l1 = deployment.L1ChainId;
        var l2 = deployment.OpStackChainIds.Single();

        // L1 -> L2: a messenger deposit relayed; one whose relay fails, seen FAILED, then replayed.
        var deposits = (await sim.SendDepositsAsync(l2, 16, ct)).Where(d => d.TargetTag is not null).ToList();
        var relayed = deposits.First(d => !d.Value.IsZero);
        var failing = deposits.First(d => d != relayed);
        var relay = await sim.RelayAsync(relayed, makeFail: false, ct);
        var failedRelay = await sim.RelayAsync(failing, makeFail: true, ct);
        Assert.Equal(RelayOutcome.Failed, failedRelay.Outcome);
        // A portal-only deposit whose L2 execution reverts (call data no function of the target matches).
        var reverting = await sim.SendPortalDepositAsync(l2, deployment.TargetsOn(l2)[0].Address, 0, 100_000, [0xde, 0xad, 0xbe, 0xef], mint: 7, ct: ct);
        Assert.False((await sim.IncludeDepositAsync(reverting, ct)).Succeeded);

        // Standard-bridge transfers ride on messenger messages: ETH, and a token (its source-chain address is the L1 token).
        var eth = await sim.BridgeEthAsync(l2, "0x00000000000000000000000000000000000b0b08", 31_337, ct: ct);
        var (erc20, l1Token) = await sim.BridgeErc20Async(l2, "0x00000000000000000000000000000000000b0b09", 5_000, ct: ct);
        Assert.Equal(RelayOutcome.Relayed, (await sim.RelayAsync(eth, makeFail: false, ct)).Outcome);
        Assert.Equal(RelayOutcome.Relayed, (await sim.RelayAsync(erc20, makeFail: false, ct)).Outcome);

        // L2 -> L1: a plain withdrawal, one whose L1 call will fail, and a messenger message.
        var (l1Target, call, tag) = sim.L1TargetCall(l2);
        var withdrawal = await sim.InitiateWithdrawalAsync(l2, "0x00000000000000000000000000000000000b0b03", 4242, 100_000, [], ct: ct);
        var doomed = await sim.InitiateWithdrawalAsync(l2, l1Target, 0, 60_000, call, ct: ct);
        var (messageTarget, messageCall, _) = sim.L1TargetCall(l2);
        var message = await sim.SendMessageToL1Async(l2, messageTarget, messageCall, 50_000, 0, ct: ct);
        await sim.SetL1TargetBlockedAsync(l1Target, tag, blocked: true, ct);

        // Nothing unfinished is missing: each shows its first state.
        var portalOfRelayed = relayed.Deposit!.L2TxHash;
        var portalOfFailing = failing.Deposit!.L2TxHash;
        await WaitStatusAsync(harness, relayed.ExpectedMsgHash, "DELIVERED", ct);
        await WaitStatusAsync(harness, portalOfRelayed, "DELIVERED", ct);
        await WaitStatusAsync(harness, failing.ExpectedMsgHash, "FAILED", ct);
        await WaitStatusAsync(harness, portalOfFailing, "DELIVERED", ct); // the deposit transaction ran; the messenger recorded the failure
        await WaitStatusAsync(harness, reverting.L2TxHash, "FAILED", ct);
        await WaitStatusAsync(harness, withdrawal.WithdrawalHash, "SENT", ct);
        await WaitStatusAsync(harness, message.MessageHash, "SENT", ct);

        await WaitStatusAsync(harness, eth.ExpectedMsgHash, "DELIVERED", ct);
        await WaitStatusAsync(harness, erc20.ExpectedMsgHash, "DELIVERED", ct);
        var ethTransfer = await MessageAsync(harness, eth.ExpectedMsgHash, ct);
        Assert.Equal(("0x0000000000000000000000000000000000000000", "31337"), (ethTransfer.GetProperty("asset").GetString(), ethTransfer.GetProperty("amount").GetString()));
        var tokenTransfer = await MessageAsync(harness, erc20.ExpectedMsgHash, ct);
        Assert.Equal((l1Token.ToLowerInvariant(), "5000"), (tokenTransfer.GetProperty("asset").GetString(), tokenTransfer.GetProperty("amount").GetString()));

        // The messenger deposit and its portal deposit: two messages, linked by carriedMessageId.
        var messenger = await MessageAsync(harness, relayed.ExpectedMsgHash, ct);
        Assert.Equal("OP_STACK_MESSENGER", messenger.GetProperty("protocol").GetString());
        Assert.Equal(relay.L2TxHash, messenger.GetProperty("destinationTxHash").GetString());
        Assert.Equal(portalOfRelayed, relay.L2TxHash); // the relay IS the deposit transaction
        var portal = await MessageAsync(harness, portalOfRelayed, ct);
        Assert.Equal("OP_STACK_PORTAL", portal.GetProperty("protocol").GetString());
        Assert.Equal(relayed.ExpectedMsgHash, portal.GetProperty("carriedMessageId").GetString());
        Assert.Equal(relayed.L1TxHash, portal.GetProperty("sourceTxHash").GetString());
        Assert.Equal(portalOfRelayed, portal.GetProperty("destinationTxHash").GetString());
        Assert.Equal((l1, l2), (portal.GetProperty("sourceChainId").GetInt64(), portal.GetProperty("destinationChainId").GetInt64()));
        Assert.Equal(AddressAlias.ApplyL1ToL2(Address.Parse(deployment.L1MessengerFor(l2).Address)).ToString(), portal.GetProperty("sender").GetString());
        Assert.Equal(deployment.L2MessengerOn(l2).Address.ToLowerInvariant(), portal.GetProperty("target").GetString());
        Assert.Equal(relayed.Value.ToString(CultureInfo.InvariantCulture), portal.GetProperty("amount").GetString()); // the ETH minted on L2
        Assert.Equal(1, await harness.ScalarAsync(
            $"SELECT count() FROM messages FINAL WHERE message_id = '{portalOfRelayed}' AND carried_message_id = '{relayed.ExpectedMsgHash}' AND status = 'DELIVERED'", ct));

        // A failed execution is no delivery: it shows in the history, at transaction level (no log of its own).
        var failedPortal = (await harness.GraphQLAsync(
            $$"""{ message(id: "{{reverting.L2TxHash}}") { failedAttempts destinationTxHash history { kind chainId txHash logIndex } } }""", ct)).GetProperty("message");
        Assert.Equal(1, failedPortal.GetProperty("failedAttempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, failedPortal.GetProperty("destinationTxHash").ValueKind);
        var failure = failedPortal.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "MESSAGE_RELAY_FAILED");
        Assert.Equal((l2, reverting.L2TxHash, (long)uint.MaxValue),
            (failure.GetProperty("chainId").GetInt64(), failure.GetProperty("txHash").GetString(), failure.GetProperty("logIndex").GetInt64()));

        // The failed relay turns DELIVERED when an ordinary account replays it.
        await sim.ReplayAsync(failing, ct);
        await WaitStatusAsync(harness, failing.ExpectedMsgHash, "DELIVERED", ct);
        Assert.Equal(1, (await MessageAsync(harness, failing.ExpectedMsgHash, ct)).GetProperty("failedAttempts").GetInt32());

        // Proven: the challenge window runs from the proof's L1 block time.
        var proofs = new List<WithdrawalProof>();
        foreach (var w in new[] { withdrawal, doomed, message.Withdrawal })
        {
            proofs.Add(await sim.ProveWithdrawalAsync(w, ct));
        }

        await WaitStatusAsync(harness, withdrawal.WithdrawalHash, "PROVEN", ct);
        var proven = await MessageAsync(harness, withdrawal.WithdrawalHash, ct);
        Assert.Equal("OP_STACK_WITHDRAWAL", proven.GetProperty("protocol").GetString());
        Assert.Equal((l2, l1), (proven.GetProperty("sourceChainId").GetInt64(), proven.GetProperty("destinationChainId").GetInt64()));
        Assert.Equal("4242", proven.GetProperty("amount").GetString());
        var provenAt = Time(proven, "provenAt");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(proofs[0].BlockTimestamp), provenAt);
        Assert.Equal(provenAt.AddSeconds(CompressedWindowSeconds), Time(proven, "finalizableAt"));
        Assert.True(proven.GetProperty("challengeSecondsLeft").GetDouble() > 0, proven.ToString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => sim.FinalizeWithdrawalAsync(withdrawal, ct)); // the portal enforces the window
        await WaitStatusAsync(harness, doomed.WithdrawalHash, "PROVEN", ct);
        await WaitStatusAsync(harness, message.Withdrawal.WithdrawalHash, "PROVEN", ct);
        Assert.Equal(message.MessageHash, (await MessageAsync(harness, message.Withdrawal.WithdrawalHash, ct)).GetProperty("carriedMessageId").GetString());

        // Wall clock past the window: READY_TO_FINALIZE, with no time left.
        await WaitStatusAsync(harness, withdrawal.WithdrawalHash, "READY_TO_FINALIZE", ct);
        Assert.Equal(0, (await MessageAsync(harness, withdrawal.WithdrawalHash, ct)).GetProperty("challengeSecondsLeft").GetDouble());
        await WaitUntilChainTimeAsync(harness, l1, proofs.Max(p => p.BlockTimestamp) + CompressedWindowSeconds + 1, ct);

        Assert.True((await sim.FinalizeWithdrawalAsync(withdrawal, ct)).Success);
        Assert.False((await sim.FinalizeWithdrawalAsync(doomed, ct)).Success);
        var relayedOnL1 = await sim.FinalizeWithdrawalAsync(message.Withdrawal, ct);
        Assert.Equal(RelayOutcome.Relayed, relayedOnL1.MessengerOutcome);

        await WaitStatusAsync(harness, withdrawal.WithdrawalHash, "DELIVERED", ct);
        await WaitStatusAsync(harness, doomed.WithdrawalHash, "FAILED", ct);
        await WaitStatusAsync(harness, message.Withdrawal.WithdrawalHash, "DELIVERED", ct);
        await WaitStatusAsync(harness, message.MessageHash, "DELIVERED", ct);
        var delivered = await MessageAsync(harness, withdrawal.WithdrawalHash, ct);
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("challengeSecondsLeft").ValueKind);
        var l1Message = await MessageAsync(harness, message.MessageHash, ct);
        Assert.Equal((l2, l1), (l1Message.GetProperty("sourceChainId").GetInt64(), l1Message.GetProperty("destinationChainId").GetInt64()));
        Assert.Equal(relayedOnL1.L1TxHash, l1Message.GetProperty("destinationTxHash").GetString());
        Assert.Equal(1, (await MessageAsync(harness, doomed.WithdrawalHash, ct)).GetProperty("failedAttempts").GetInt32());
    }

    /// <summary>
    /// The REAL 7-day proof maturity delay (604,800 s, OP Mainnet's), waited out by warping time: evm_increaseTime on every
    /// devnet chain together, so their clocks stay in step. The API compares deadlines with the wall clock, which is not
    /// warped, so READY_TO_FINALIZE cannot be seen here (the compressed test shows it); the portal's on-chain check can.
    /// </summary>
    [Fact]
    public async Task A_withdrawal_waits_out_the_real_seven_day_window_on_warped_chains()
    {
        var ct = TestContext.Current.CancellationToken;
        var window = OpStackWithdrawalTiming.Standard.ProofMaturityDelaySeconds;
        await using var harness = await StartAsync("op_seven_days", window, ct);
        var sim = harness.Simulator;
        var l2 = harness.Devnet.Deployment.OpStackChainIds.Single();
        var withdrawal = await sim.InitiateWithdrawalAsync(l2, "0x00000000000000000000000000000000000b0b04", 1, 100_000, [], ct: ct);
        var proof = await sim.ProveWithdrawalAsync(withdrawal, ct);

        await WaitStatusAsync(harness, withdrawal.WithdrawalHash, "PROVEN", ct);
        var proven = await MessageAsync(harness, withdrawal.WithdrawalHash, ct);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(proof.BlockTimestamp).AddSeconds(window), Time(proven, "finalizableAt"));
        Assert.InRange(proven.GetProperty("challengeSecondsLeft").GetDouble(), window - 120, window);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sim.FinalizeWithdrawalAsync(withdrawal, ct));

        foreach (var chain in harness.Devnet.Deployment.Chains)
        {
            var rpc = new JsonRpcClient(Http, [chain.RpcUrl], (ulong)chain.ChainId, NullLogger.Instance);
            await rpc.CallAsync("evm_increaseTime", $"[{window + 1}]", ct);
            await rpc.CallAsync("evm_mine", "[]", ct);
        }

        Assert.True((await sim.FinalizeWithdrawalAsync(withdrawal, ct)).Success);
        await WaitStatusAsync(harness, withdrawal.WithdrawalHash, "DELIVERED", ct);
        var delivered = await MessageAsync(harness, withdrawal.WithdrawalHash, ct);
        Assert.True(Time(delivered, "deliveredAt") > Time(delivered, "finalizableAt"), delivered.ToString());
    }

    [Fact]
    public async Task A_reorg_that_orphans_a_deposit_transaction_puts_its_portal_deposit_back_to_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(clickHouse, "op_deposit_reorg", ct, rollups: [(0, 901)]);
        await harness.StartIngestAsync(ct);
        harness.StartProcessor();
        var sim = harness.Simulator;
        var l2 = harness.Devnet.Deployment.OpStackChainIds.Single();
        var kept = await sim.SendPortalDepositAsync(l2, "0x00000000000000000000000000000000000b0b05", 5, 100_000, [], ct: ct);
        var orphaned = await sim.SendPortalDepositAsync(l2, "0x00000000000000000000000000000000000b0b06", 6, 100_000, [], ct: ct);
        await sim.IncludeDepositAsync(kept, ct);
        await sim.IncludeDepositAsync(orphaned, ct);
        await harness.WaitUntilAsync(async () => await StoredStatusAsync(harness, orphaned.L2TxHash, ct) == "DELIVERED", TimeSpan.FromSeconds(30), "the deposit delivered", ct);

        var rpc = new JsonRpcClient(Http, [harness.Devnet.Deployment.Chain(l2).RpcUrl], (ulong)l2, NullLogger.Instance);
        await rpc.CallAsync("anvil_reorg", "[1, []]", ct);
        var later = await sim.SendPortalDepositAsync(l2, "0x00000000000000000000000000000000000b0b07", 7, 100_000, [], ct: ct);
        await sim.IncludeDepositAsync(later, ct); // a new head on the new branch

        await ReorgTests.WaitCanonicalAsync(harness, ct);
        Assert.Equal("SENT", await StoredStatusAsync(harness, orphaned.L2TxHash, ct));
        Assert.Equal("DELIVERED", await StoredStatusAsync(harness, kept.L2TxHash, ct));
        Assert.Equal(1, await harness.ScalarAsync(
            $"SELECT count() FROM bridge_events WHERE tx_hash = '{orphaned.L2TxHash}' AND log_index = {uint.MaxValue} AND is_deleted = 1", ct));
    }

    private static async Task<string?> StoredStatusAsync(PipelineHarness harness, string id, CancellationToken ct) =>
        (string?)await harness.ClickHouse.ExecuteScalarAsync($"SELECT any(status) FROM messages FINAL WHERE message_id = '{id}' HAVING count() > 0", null, null, ct);

    private async Task<PipelineHarness> StartAsync(string name, long window, CancellationToken ct)
    {
        var harness = await PipelineHarness.StartAsync(clickHouse, name, ct, rollups: [(0, 901)], challengeWindowSeconds: window);
        await harness.StartIngestAsync(ct);
        await harness.StartApiAsync(ct);
        harness.StartProcessor();
        return harness;
    }

    private static async Task<JsonElement> MessageAsync(PipelineHarness harness, string id, CancellationToken ct) =>
        (await harness.GraphQLAsync($$"""{ message(id: "{{id}}") { {{Fields}} } }""", ct)).GetProperty("message");

    private static async Task WaitStatusAsync(PipelineHarness harness, string id, string status, CancellationToken ct) =>
        await harness.WaitUntilAsync(
            async () => (await MessageAsync(harness, id, ct)) is { ValueKind: JsonValueKind.Object } m && m.GetProperty("status").GetString() == status,
            TimeSpan.FromSeconds(60), $"{id} {status}", ct);

    private static DateTimeOffset Time(JsonElement message, string field) =>
        DateTimeOffset.Parse(message.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    // The portal compares with the L1 block time (strictly later than provenAt + delay): wait until the chain gets there.
    private static async Task WaitUntilChainTimeAsync(PipelineHarness harness, long chainId, long timestamp, CancellationToken ct)
    {
        var rpc = new JsonRpcClient(Http, [harness.Devnet.Deployment.Chain(chainId).RpcUrl], (ulong)chainId, NullLogger.Instance);
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= timestamp)
        {
            await Task.Delay(200, ct);
        }

        await rpc.CallAsync("evm_mine", "[]", ct);
    }
}
