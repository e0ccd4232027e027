using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Scroll;
using Nethereum.Contracts;
using Nethereum.Util;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The Scroll devnet messengers on real anvil chains: both directions relay with the hash the messenger computes on
/// chain, which equals keccak of the relayMessage call data (re-derived here with Nethereum's ABI encoder and Keccak) and
/// the key the decoder gives the SentMessage; a failed deposit replays; only the aliased L1 messenger may relay on L2.
/// </summary>
public sealed class ScrollDevnetTests(ArbitrumScrollDevnetFixture devnet) : IClassFixture<ArbitrumScrollDevnetFixture>
{
    private const long L1 = ArbitrumScrollDevnetFixture.L1ChainId;
    private const long L2 = ArbitrumScrollDevnetFixture.ScrollChainId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deposit_is_relayed_under_the_hash_of_its_relay_message_call()
    {
        var deposit = await devnet.Scroll.SendDepositAsync(L2, DevnetReceiver.Address, 4_242, DevnetReceiver.Message(0, [1, 2]), 200_000, Ct);
        Assert.Equal(IndependentHash(deposit), deposit.Hash);
        var send = Assert.Single((await devnet.DecodeAsync(L1, deposit.TxHash, deposit.BlockNumber)).Events);
        Assert.Equal((Protocol.ScrollMessenger, EventKind.MessageSent, deposit.Hash), (send.Protocol, send.Kind, send.CorrelationKey));
        Assert.Equal(((ulong)L1, (ulong)L2, 4_242UL), (send.SourceChainId, send.DestinationChainId, send.Value.LowUInt64));

        var relay = await devnet.Scroll.RelayDepositAsync(deposit, Ct);
        Assert.True(relay.Succeeded);
        var relayed = Assert.Single((await devnet.DecodeAsync(L2, relay.TxHash, relay.BlockNumber)).Events);
        Assert.Equal((Protocol.ScrollMessenger, EventKind.MessageRelayed, deposit.Hash, (ulong)L1), (relayed.Protocol, relayed.Kind, relayed.CorrelationKey, relayed.SourceChainId));

        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Scroll.RelayDepositAsync(deposit, Ct)); // executed once only
    }

    [Fact]
    public async Task A_failed_deposit_is_replayed_and_then_delivered()
    {
        var notBefore = await devnet.LatestTimestampAsync(L2) + 60; // far enough that a slow machine still tries first before it
        var deposit = await devnet.Scroll.SendDepositAsync(L2, DevnetReceiver.Address, 0, DevnetReceiver.Message(notBefore, [3]), 200_000, Ct);
        var first = await devnet.Scroll.RelayDepositAsync(deposit, Ct);
        Assert.False(first.Succeeded);
        var failed = Assert.Single((await devnet.DecodeAsync(L2, first.TxHash, first.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayFailed, deposit.Hash), (failed.Kind, failed.CorrelationKey));

        await devnet.WarpAsync(L2, 61);
        var replay = await devnet.Scroll.ReplayDepositAsync(deposit, Ct);
        Assert.True(replay.Succeeded);
        Assert.Equal(deposit.Hash, replay.Hash);
    }

    [Fact]
    public async Task Only_the_aliased_l1_messenger_relays_on_l2()
    {
        var deposit = await devnet.Scroll.SendDepositAsync(L2, DevnetReceiver.Address, 0, DevnetReceiver.Message(0, []), 200_000, Ct);
        var messenger = devnet.Deployment.ContractsOfKind("L2ScrollMessenger").Single().Address;
        var call = new ScrollRelayMessageFunction
        {
            From = deposit.Sender, To = deposit.Target, MessageValue = deposit.Value, MessageNonce = deposit.MessageNonce, Message = deposit.Message,
        };
        var receipt = await devnet.Wallets.On(L2).SendAllowingRevertAsync(messenger, call, 400_000, BigInteger.Zero, Ct);
        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
    }

    [Fact]
    public async Task A_withdrawal_is_relayed_on_l1()
    {
        var withdrawal = await devnet.Scroll.SendWithdrawalAsync(L2, devnet.Scroll.Operator, 1_000, [], 0, Ct);
        Assert.Equal(IndependentHash(withdrawal), withdrawal.Hash);
        var send = Assert.Single((await devnet.DecodeAsync(L2, withdrawal.TxHash, withdrawal.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageSent, withdrawal.Hash, (ulong)L2, (ulong)L1), (send.Kind, send.CorrelationKey, send.SourceChainId, send.DestinationChainId));

        var relay = await devnet.Scroll.RelayWithdrawalAsync(withdrawal, Ct);
        Assert.True(relay.Succeeded);
        var relayed = Assert.Single((await devnet.DecodeAsync(L1, relay.TxHash, relay.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayed, withdrawal.Hash, (ulong)L2), (relayed.Kind, relayed.CorrelationKey, relayed.SourceChainId));
    }

    // keccak256(abi.encodeWithSignature("relayMessage(address,address,uint256,uint256,bytes)", ...)) with Nethereum.
    private static Hash32 IndependentHash(ScrollMessage message) =>
        new(Sha3Keccack.Current.CalculateHash(new ScrollRelayMessageFunction
        {
            From = message.Sender, To = message.Target, MessageValue = message.Value, MessageNonce = message.MessageNonce, Message = message.Message,
        }.GetCallData()));
}
