using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Zksync;
using BridgeStream.Devnet.Bridges.Anvil;
using BridgeStream.Devnet.Bridges.Zksync;
using Nethereum.ABI;
using Nethereum.Util;

namespace BridgeStream.Tests.Devnet;

/// <summary>
/// The zkSync devnet stand-ins on real anvil chains: a priority request is one send (NewPriorityRequest and its Id
/// companion) keyed by the canonical L2 transaction hash, which equals keccak256(abi.encode(transaction)) of the
/// transaction the Mailbox builds (re-encoded here from its inputs with Nethereum's ABI encoder) and the key of the
/// bootloader's status log on L2 (success or failure); a base token withdrawal is paired with its L1 finalization by
/// content (chain, ETH asset id, receiver, amount), computed here independently, and finalized only once.
/// </summary>
public sealed class ZksyncDevnetTests(ZkRollupDevnetFixture devnet) : IClassFixture<ZkRollupDevnetFixture>
{
    private const long L1 = ZkRollupDevnetFixture.L1ChainId;
    private const long L2 = ZkRollupDevnetFixture.ZksyncChainId;
    private static readonly BigInteger GasLimit = 300_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_priority_request_arrives_under_the_canonical_l2_transaction_hash()
    {
        var calldata = DevnetReceiver.Message(0, [1, 2, 3]);
        var deposit = await devnet.Zksync.SendDepositAsync(L2, DevnetReceiver.Address, 5_000, calldata, GasLimit, Ct);
        Assert.Equal(IndependentCanonicalHash(deposit, calldata), deposit.CanonicalTxHash);
        var sink = await devnet.DecodeAsync(L1, deposit.TxHash, deposit.BlockNumber);
        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events); // NewPriorityRequestId does not make a second send
        Assert.Equal((Protocol.ZksyncPriorityRequest, EventKind.MessageSent, deposit.CanonicalTxHash), (send.Protocol, send.Kind, send.CorrelationKey));
        Assert.Equal(((ulong)L1, (ulong)L2, 5_000UL, Address.Parse(DevnetReceiver.Address)), (send.SourceChainId, send.DestinationChainId, send.Value.LowUInt64, send.Target));

        var executed = await devnet.Zksync.ExecuteAsync(deposit, GasLimit, Ct);
        Assert.True(executed.Succeeded);
        Assert.Equal(deposit.CanonicalTxHash, executed.CanonicalTxHash);
        var arrived = Assert.Single((await devnet.DecodeAsync(L2, executed.TxHash, executed.BlockNumber)).Events);
        Assert.Equal((Protocol.ZksyncPriorityRequest, EventKind.MessageRelayed, deposit.CanonicalTxHash, (ulong)L1), (arrived.Protocol, arrived.Kind, arrived.CorrelationKey, arrived.SourceChainId));

        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Zksync.ExecuteAsync(deposit, GasLimit, Ct)); // runs once only
    }

    [Fact]
    public async Task A_priority_transaction_whose_call_fails_logs_a_failed_status()
    {
        var deposit = await devnet.Zksync.SendDepositAsync(L2, DevnetReceiver.Address, 0, DevnetReceiver.Message(DevnetReceiver.Never, [4]), GasLimit, Ct);
        var executed = await devnet.Zksync.ExecuteAsync(deposit, GasLimit, Ct);
        Assert.False(executed.Succeeded);
        var failed = Assert.Single((await devnet.DecodeAsync(L2, executed.TxHash, executed.BlockNumber)).Events);
        Assert.Equal((EventKind.MessageRelayFailed, deposit.CanonicalTxHash), (failed.Kind, failed.CorrelationKey));
    }

    [Fact]
    public async Task A_withdrawal_is_paired_with_its_finalization_by_content()
    {
        var receiver = "0x00000000000000000000000000000000000bee01";
        var withdrawal = await devnet.Zksync.SendWithdrawalAsync(L2, receiver, 77_000, Ct);
        Assert.Equal(new Hash32(Sha3Keccack.Current.CalculateHash(withdrawal.Message)), withdrawal.MessageHash);
        var key = IndependentWithdrawalKey(receiver, 77_000);
        var sink = await devnet.DecodeAsync(L2, withdrawal.TxHash, withdrawal.BlockNumber);
        Assert.Empty(sink.Rejected);
        var send = Assert.Single(sink.Events); // the L1Messenger's own L2 -> L1 log (sender 0x8008) is not a priority status
        Assert.Equal((Protocol.ZksyncWithdrawal, EventKind.MessageSent, key, (ulong)L2, (ulong)L1), (send.Protocol, send.Kind, send.CorrelationKey, send.SourceChainId, send.DestinationChainId));
        Assert.Equal((Address.Parse(receiver), 77_000UL), (send.Target, send.Amount.LowUInt64));

        var finalized = await devnet.Zksync.FinalizeAsync(withdrawal, Ct);
        Assert.Equal((L2, Address.Parse(receiver).ToString(), new BigInteger(77_000)), (finalized.L2ChainId, finalized.Receiver, finalized.Amount));
        Assert.Equal(ZksyncAssetId.Eth((ulong)L1), finalized.AssetId);
        var relayed = Assert.Single((await devnet.DecodeAsync(L1, finalized.TxHash, finalized.BlockNumber)).Events);
        Assert.Equal((Protocol.ZksyncWithdrawal, EventKind.MessageRelayed, key, (ulong)L2), (relayed.Protocol, relayed.Kind, relayed.CorrelationKey, relayed.SourceChainId));
        await Assert.ThrowsAsync<InvalidOperationException>(() => devnet.Zksync.FinalizeAsync(withdrawal, Ct));
    }

    // abi.encode(L2CanonicalTransaction) of what the Mailbox must have built from the request (txType 255, from = the
    // EOA, gasPerPubdata 800, maxFeePerGas = the L1 gas price the devnet wallets pay, nonce = txId, reserved = [msg.value,
    // refund recipient, 0, 0]), encoded with Nethereum: a single dynamic tuple is its offset (0x20), then its fields.
    private Hash32 IndependentCanonicalHash(ZksyncDeposit deposit, byte[] calldata)
    {
        var from = new BigInteger(Hex.Decode(devnet.Operator), isUnsigned: true, isBigEndian: true);
        var to = new BigInteger(Hex.Decode(DevnetReceiver.Address), isUnsigned: true, isBigEndian: true);
        var fields = new ABIEncode().GetABIEncoded(
            U(255), U(from), U(to), U(GasLimit), U(800), U(10_000_000_000), U(0), U(0), U(deposit.TxId), U(deposit.L2Value),
            new ABIValue("uint256[4]", new List<BigInteger> { deposit.L2Value, from, 0, 0 }),
            new ABIValue("bytes", calldata), new ABIValue("bytes", Array.Empty<byte>()), new ABIValue("uint256[]", new List<BigInteger>()),
            new ABIValue("bytes", Array.Empty<byte>()), new ABIValue("bytes", Array.Empty<byte>()));
        var encoded = new byte[32 + fields.Length];
        encoded[31] = 0x20;
        fields.CopyTo(encoded, 32);
        Assert.Equal(encoded, deposit.EncodedTransaction);
        return new Hash32(Sha3Keccack.Current.CalculateHash(encoded));

        static ABIValue U(BigInteger value) => new("uint256", value);
    }

    // keccak256(abi.encode(uint256 l2ChainId, bytes32 encodeNTVAssetId(L1, ETH), address receiver, uint256 amount)).
    private static Hash32 IndependentWithdrawalKey(string receiver, BigInteger amount)
    {
        var ethAssetId = Sha3Keccack.Current.CalculateHash(new ABIEncode().GetABIEncoded(
            new ABIValue("uint256", L1), new ABIValue("address", "0x0000000000000000000000000000000000010004"), new ABIValue("address", "0x0000000000000000000000000000000000000001")));
        return new Hash32(Sha3Keccack.Current.CalculateHash(new ABIEncode().GetABIEncoded(
            new ABIValue("uint256", L2), new ABIValue("bytes32", ethAssetId), new ABIValue("address", receiver), new ABIValue("uint256", amount))));
    }
}
