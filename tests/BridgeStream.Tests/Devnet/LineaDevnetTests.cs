using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Linea;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Linea;
using Nethereum.ABI;
using Nethereum.Util;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The Linea devnet message services on real anvil chains: both directions are claimed under the hash the contract
/// computes on chain, which equals keccak256(abi.encode(from, to, fee, value, nonce, calldata)) (re-derived here with
/// Nethereum's ABI encoder and Keccak) and the key the decoder gives MessageSent and MessageClaimed; an L1 -> L2 message is
/// claimable only once anchored, and only once.
/// </summary>
public sealed class LineaDevnetTests(ZkRollupDevnetFixture devnet) : IClassFixture<ZkRollupDevnetFixture>
{
    private const long L1 = ZkRollupDevnetFixture.L1ChainId;
    private const long L2 = ZkRollupDevnetFixture.LineaChainId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deposit_is_claimed_on_l2_under_the_hash_the_contracts_compute()
    {
        var deposit = await devnet.Linea.SendDepositAsync(L2, DevnetReceiver.Address, 7, 4_242, DevnetReceiver.Message(0, [1, 2]), Ct);
        Assert.Equal(IndependentHash(deposit), deposit.Hash);
        var sink = await devnet.DecodeAsync(L1, deposit.TxHash, deposit.BlockNumber);
        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events);
        Assert.Equal((Protocol.LineaMessageService, EventKind.MessageSent, deposit.Hash), (send.Protocol, send.Kind, send.CorrelationKey));
        Assert.Equal(((ulong)L1, (ulong)L2, 4_242UL, Address.Parse(devnet.Operator)), (send.SourceChainId, send.DestinationChainId, send.Value.LowUInt64, send.Sender));

        // Not anchored yet: the L2 service refuses the claim.
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Linea.ClaimDepositAsync(deposit, Ct));
        await devnet.Linea.AnchorAsync(L2, [deposit], Ct);
        var claim = await devnet.Linea.ClaimDepositAsync(deposit, Ct);
        var claimed = Assert.Single((await devnet.DecodeAsync(L2, claim.TxHash, claim.BlockNumber)).Events);
        Assert.Equal((Protocol.LineaMessageService, EventKind.MessageRelayed, deposit.Hash, (ulong)L1, (ulong)L2), (claimed.Protocol, claimed.Kind, claimed.CorrelationKey, claimed.SourceChainId, claimed.DestinationChainId));

        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Linea.ClaimDepositAsync(deposit, Ct)); // claimed once only
    }

    [Fact]
    public async Task A_withdrawal_is_claimed_on_l1_under_the_same_hash_once()
    {
        var withdrawal = await devnet.Linea.SendWithdrawalAsync(L2, DevnetReceiver.Address, 0, 6_000, DevnetReceiver.Message(0, [3]), Ct);
        Assert.Equal(IndependentHash(withdrawal), withdrawal.Hash);
        var send = Assert.Single((await devnet.DecodeAsync(L2, withdrawal.TxHash, withdrawal.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageSent, withdrawal.Hash, (ulong)L2, (ulong)L1), (send.Kind, send.CorrelationKey, send.SourceChainId, send.DestinationChainId));

        var claim = await devnet.Linea.ClaimWithdrawalAsync(withdrawal, Ct);
        var claimed = Assert.Single((await devnet.DecodeAsync(L1, claim.TxHash, claim.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayed, withdrawal.Hash, (ulong)L2), (claimed.Kind, claimed.CorrelationKey, claimed.SourceChainId));
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Linea.ClaimWithdrawalAsync(withdrawal, Ct));
    }

    [Fact]
    public async Task A_claim_whose_call_fails_reverts_and_leaves_the_message_claimable()
    {
        var notBefore = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3_600;
        var deposit = await devnet.Linea.SendDepositAsync(L2, DevnetReceiver.Address, 0, 0, DevnetReceiver.Message(notBefore, [4]), Ct);
        await devnet.Linea.AnchorAsync(L2, [deposit], Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Linea.ClaimDepositAsync(deposit, Ct));

        // Once the receiver accepts it (the L2's clock moved past notBefore), the same message is claimed.
        await devnet.WarpAsync(L2, 3_601);
        var claim = await devnet.Linea.ClaimDepositAsync(deposit, Ct);
        var claimed = Assert.Single((await devnet.DecodeAsync(L2, claim.TxHash, claim.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayed, deposit.Hash), (claimed.Kind, claimed.CorrelationKey));
    }

    // keccak256(abi.encode(address, address, uint256, uint256, uint256, bytes)) with Nethereum, and the core's LineaMessageHash.
    private static Hash32 IndependentHash(LineaMessage m)
    {
        var encoded = new ABIEncode().GetABIEncoded(
            new ABIValue("address", m.From), new ABIValue("address", m.To), new ABIValue("uint256", m.Fee), new ABIValue("uint256", m.Value),
            new ABIValue("uint256", m.MessageNumber), new ABIValue("bytes", m.Calldata));
        var nethereum = new Hash32(Sha3Keccack.Current.CalculateHash(encoded));
        var core = LineaMessageHash.Compute(Address.Parse(m.From), Address.Parse(m.To), Hash32.FromBigInteger(m.Fee), Hash32.FromBigInteger(m.Value), Hash32.FromBigInteger(m.MessageNumber), m.Calldata);
        Assert.Equal(nethereum, core);
        return nethereum;
    }
}
