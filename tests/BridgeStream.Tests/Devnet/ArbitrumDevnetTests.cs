using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.ArbitrumOutbox;
using BridgeStream.Core.Protocols.ArbitrumRetryable;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Arbitrum;
using Nethereum.RLP;
using Nethereum.Util;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The Arbitrum devnet stand-ins on real anvil chains: their logs decode with the real decoders to the keys Nitro's
/// formulas give (re-derived here independently with Nethereum's RLP and Keccak), tickets and the outbox keep their
/// on-chain rules (a failed retry keeps the ticket, nothing is redeemable after the lifetime, nothing executes inside the
/// challenge window or twice).
/// </summary>
public sealed class ArbitrumDevnetTests(ArbitrumScrollDevnetFixture devnet) : IClassFixture<ArbitrumScrollDevnetFixture>
{
    private const long L2 = ArbitrumScrollDevnetFixture.ArbitrumChainId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_precompile_stand_ins_sit_at_the_arbitrum_precompile_addresses()
    {
        var web3 = devnet.Wallets.On(L2).Web3;
        Assert.True(await AnvilCheats.HasCodeAsync(web3, ArbitrumRetryableContracts.ArbRetryableTx.ToString()));
        Assert.True(await AnvilCheats.HasCodeAsync(web3, ArbitrumOutboxContracts.ArbSys.ToString()));
        Assert.True(await AnvilCheats.HasCodeAsync(web3, DevnetReceiver.Address));
        var timing = Assert.Single(devnet.Deployment.Timings);
        Assert.Equal((L2, ArbitrumRollupBridge.ChallengeWindowSeconds, ArbitrumRollupBridge.RetryableLifetimeSeconds),
            (timing.ChainId, timing.ChallengeWindowSeconds!.Value, timing.RetryableLifetimeSeconds!.Value));
    }

    [Fact]
    public async Task An_auto_redeemed_retryable_carries_one_ticket_id_from_l1_to_l2()
    {
        var request = devnet.Arbitrum.ReceiverRetryable(0, [1, 2, 3], l2CallValue: 12_345);
        var sent = await devnet.Arbitrum.SendRetryableAsync(L2, request, Ct);
        Assert.Equal(IndependentTicketId(sent), sent.TicketId);

        var l1 = await devnet.DecodeAsync(ArbitrumScrollDevnetFixture.L1ChainId, sent.L1TxHash, sent.L1BlockNumber);
        Assert.Empty(l1.Rejected);
        var send = Assert.Single(l1.Events);
        Assert.Equal((Protocol.ArbitrumRetryable, EventKind.MessageSent, sent.TicketId), (send.Protocol, send.Kind, send.CorrelationKey));
        Assert.Equal((900UL, (ulong)L2), (send.SourceChainId, send.DestinationChainId));
        Assert.Equal(Address.Parse(devnet.Arbitrum.Operator), send.Sender);
        Assert.Equal(Address.Parse(DevnetReceiver.Address), send.Target);
        Assert.Equal(12_345UL, send.Value.LowUInt64);

        var ticket = await devnet.Arbitrum.CreateTicketAsync(sent, Ct);
        var redeem = await devnet.Arbitrum.RedeemAsync(sent, auto: true, Ct);
        Assert.True(redeem.Succeeded);
        Assert.Equal(0UL, redeem.SequenceNumber);

        var arrived = Assert.Single((await devnet.DecodeAsync(L2, ticket.L2TxHash, ticket.L2BlockNumber)).Events);
        Assert.Equal((EventKind.MessageArrived, sent.TicketId, 900UL), (arrived.Kind, arrived.CorrelationKey, arrived.SourceChainId));
        var relayed = Assert.Single((await devnet.DecodeAsync(L2, redeem.ScheduledTxHash, redeem.ScheduledBlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayed, sent.TicketId), (relayed.Kind, relayed.CorrelationKey));
        Assert.Equal(Hash32.Parse(redeem.RetryTxHash), relayed.OutcomeTransaction);
        var statuses = await devnet.Rpc(L2).GetReceiptStatusesAsync([relayed.OutcomeTransaction], Ct);
        Assert.True(statuses[relayed.OutcomeTransaction]);
    }

    [Fact]
    public async Task A_failed_retry_keeps_the_ticket_a_later_redeem_succeeds_and_then_it_is_gone()
    {
        var notBefore = await devnet.LatestTimestampAsync(L2) + 20; // inside the ticket lifetime, and far enough that a slow machine tries first before it
        var sent = await devnet.Arbitrum.SendRetryableAsync(L2, devnet.Arbitrum.ReceiverRetryable(notBefore, [9], 0), Ct);
        await devnet.Arbitrum.CreateTicketAsync(sent, Ct);

        var auto = await devnet.Arbitrum.RedeemAsync(sent, auto: true, Ct);
        Assert.False(auto.Succeeded);
        var failed = Assert.Single((await devnet.DecodeAsync(L2, auto.ScheduledTxHash, auto.ScheduledBlockNumber)).Events);
        Assert.Equal(EventKind.MessageRelayed, failed.Kind); // RedeemScheduled says "attempted"; the ingestor reads the outcome
        Assert.False((await devnet.Rpc(L2).GetReceiptStatusesAsync([failed.OutcomeTransaction], Ct))[failed.OutcomeTransaction]);

        await devnet.WarpAsync(L2, 21);
        var manual = await devnet.Arbitrum.RedeemAsync(sent, auto: false, Ct);
        Assert.True(manual.Succeeded);
        Assert.Equal(1UL, manual.SequenceNumber);

        var again = await devnet.Arbitrum.RedeemAsync(sent, auto: false, Ct);
        Assert.False(again.Succeeded); // a redeemed ticket is deleted
        Assert.Equal(2UL, again.SequenceNumber);
    }

    [Fact]
    public async Task A_ticket_cannot_be_redeemed_after_its_lifetime()
    {
        var sent = await devnet.Arbitrum.SendRetryableAsync(L2, devnet.Arbitrum.ReceiverRetryable(0, [], 0, autoRedeem: false), Ct);
        Assert.Equal(IndependentTicketId(sent), sent.TicketId);
        await devnet.Arbitrum.CreateTicketAsync(sent, Ct);
        await devnet.WarpAsync(L2, ArbitrumRollupBridge.RetryableLifetimeSeconds + 1);

        var late = await devnet.Arbitrum.RedeemAsync(sent, auto: false, Ct);
        Assert.False(late.Succeeded);
    }

    [Fact]
    public async Task An_eth_deposit_is_keyed_by_the_l2_deposit_transaction_hash()
    {
        var deposit = await devnet.Arbitrum.SendEthDepositAsync(L2, 777_000, Ct);
        var aliased = AddressAlias.ApplyL1ToL2(Address.Parse(deposit.Sender));
        // ArbitrumDepositTx (0x64): chainId, l1RequestId, from (aliased), to, value.
        var independent = Keccak(0x64, Rlp(L2), RLP.EncodeElement(Word(deposit.MessageIndex)), RLP.EncodeElement(aliased.ToArray()),
            RLP.EncodeElement(Address.Parse(deposit.To).ToArray()), Rlp(777_000));
        Assert.Equal(independent, deposit.L2TxHash);
        Assert.Equal(Address.Parse(devnet.Arbitrum.Operator), Address.Parse(deposit.To));

        var send = Assert.Single((await devnet.DecodeAsync(ArbitrumScrollDevnetFixture.L1ChainId, deposit.L1TxHash, deposit.L1BlockNumber)).Events);
        Assert.Equal((EventKind.MessageSent, deposit.L2TxHash, 777_000UL), (send.Kind, send.CorrelationKey, send.Amount.LowUInt64));
    }

    [Fact]
    public async Task The_outbox_refuses_a_withdrawal_inside_the_challenge_window_and_executes_it_once_after()
    {
        var l1 = ArbitrumScrollDevnetFixture.L1ChainId;
        var first = await devnet.Arbitrum.WithdrawAsync(L2, devnet.Arbitrum.Operator, 5_000, [], Ct);
        var second = await devnet.Arbitrum.WithdrawAsync(L2, DevnetReceiver.Address, 0, DevnetReceiver.Message(0, [7, 7]), Ct);
        Assert.Equal(first.Position + 1, second.Position);

        var sent = Assert.Single((await devnet.DecodeAsync(L2, second.L2TxHash, second.L2BlockNumber)).Events);
        Assert.Equal((Protocol.ArbitrumOutbox, EventKind.MessageSent), (sent.Protocol, sent.Kind));
        Assert.Equal(ArbitrumOutboxKey.Of((ulong)L2, Hash32.FromBigInteger(second.Position)), sent.CorrelationKey);
        Assert.Equal(second.Key, sent.CorrelationKey);
        Assert.Equal((ulong)l1, sent.DestinationChainId);

        Assert.False((await devnet.Arbitrum.TryExecuteAsync(second, Ct)).Executed); // not recorded by the rollup yet
        await devnet.Arbitrum.RecordSendAsync(second, Ct);
        Assert.False((await devnet.Arbitrum.TryExecuteAsync(second, Ct)).Executed); // inside the challenge window

        var wait = second.ExecutableAt(ArbitrumRollupBridge.ChallengeWindowSeconds) - await devnet.LatestTimestampAsync(l1);
        await devnet.WarpAsync(l1, Math.Max(wait, 0) + 1);
        var executed = await devnet.Arbitrum.TryExecuteAsync(second, Ct);
        Assert.True(executed.Executed);
        var relayed = Assert.Single((await devnet.DecodeAsync(l1, executed.L1TxHash, executed.L1BlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayed, second.Key, (ulong)L2), (relayed.Kind, relayed.CorrelationKey, relayed.SourceChainId));

        Assert.False((await devnet.Arbitrum.TryExecuteAsync(second, Ct)).Executed); // spent
    }

    // ArbitrumSubmitRetryableTx (0x69) as arbitrum-sdk's calculateSubmitRetryableId builds it, from the request itself.
    private static Hash32 IndependentTicketId(SentRetryable sent)
    {
        var r = sent.Request;
        return Keccak(0x69,
            Rlp(L2), RLP.EncodeElement(Word(sent.MessageIndex)), RLP.EncodeElement(Address.Parse(sent.AliasedSender).ToArray()), Rlp(sent.BaseFeeL1),
            Rlp(r.Deposit), Rlp(r.MaxFeePerGas), Rlp(r.GasLimit), RLP.EncodeElement(Address.Parse(r.To).ToArray()), Rlp(r.L2CallValue),
            RLP.EncodeElement(Address.Parse(r.CallValueRefundAddress).ToArray()), Rlp(r.MaxSubmissionCost),
            RLP.EncodeElement(Address.Parse(r.ExcessFeeRefundAddress).ToArray()), RLP.EncodeElement(r.Data));
    }

    private static Hash32 Keccak(byte type, params byte[][] fields) =>
        new(Sha3Keccack.Current.CalculateHash([type, .. RLP.EncodeList(fields)]));

    private static byte[] Rlp(BigInteger value) => RLP.EncodeElement(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static byte[] Word(BigInteger value) => Hash32.FromBigInteger(value).ToArray();
}
