using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// zkSync L2 -> L1 withdrawals, paired by content (<see cref="ZksyncWithdrawalKey"/>: no id is shared by both sides).
/// Lifecycle:
/// <list type="bullet">
/// <item>L1Messenger (0x…8008) L1MessageSent on the L2 whose message is a bridge withdrawal ->
/// <see cref="EventKind.MessageSent"/>. The event's _hash must be keccak256(_message). The message formats are the ones
/// L1Nullifier._parseL2WithdrawalMessage accepts, each only from the sender L1 accepts it from:
/// base token finalizeEthWithdrawal.selector ‖ receiver ‖ amount [‖ sender ‖ extra] from L2BaseToken (0x…800A) or the
/// L2AssetRouter (0x…10003), asset = ETH (ETH-based chains only); legacy ERC20 finalizeWithdrawal.selector ‖ receiver ‖
/// l1Token ‖ amount (76 bytes) from the chain's legacy L2 bridge, asset = encodeNTVAssetId(L1, l1Token); asset router
/// finalizeWithdrawal.selector ‖ assetId ‖ abi.encode(originalCaller, receiver, originToken, amount, erc20Metadata) from
/// the L2AssetRouter. Any other L2 -> L1 message (an application's own) is not a bridge withdrawal and is left alone.</item>
/// <item>On L1: the L1NativeTokenVault's BridgeMint(chainId, assetId, receiver, amount) (v26 asset router and later; the
/// vault also emits BridgeMint on L2 for deposits, so only the L1 vault is claimed) or the v24/v25 L1SharedBridge's
/// WithdrawalFinalizedSharedBridge(chainId, to, l1Token, amount) -> <see cref="EventKind.MessageRelayed"/>.</item>
/// </list>
/// The L2 side needs the chain's L1 (for ETH's and legacy tokens' asset ids): the L1Messenger's counterparty, 324 -> 1 on
/// mainnet, configured elsewhere; without it a withdrawal is rejected with that reason. Sender is the user when the
/// message names them (asset router format), else the bridge contract; Target is the L1 receiver. Asset/Amount: ETH
/// withdrawals move `amount` of the native asset; token withdrawals name only the token's L1/origin address, not its
/// address on the source L2, so they are recorded with no asset and amount (the key still includes both).
/// </summary>
public sealed class ZksyncWithdrawalDecoder : IProtocolDecoder
{
    public Protocol Protocol => Protocol.ZksyncWithdrawal;

    public IReadOnlyList<Hash32> Topics => ZksyncSignatures.WithdrawalTopics;

    public void DecodeTransaction(ReadOnlySpan<RawLog> transactionLogs, DecodeContext context, IDecodeSink sink)
    {
        foreach (var log in transactionLogs)
        {
            if (log.Topic0 == ZksyncSignatures.L1MessageSent && ZksyncContracts.IsL1Messenger(log, context))
            {
                DecodeMessage(log, context, sink);
            }
            else if (log.Topic0 == ZksyncSignatures.BridgeMint
                && ZksyncContracts.IsKind(log, context, ZksyncContracts.L1NativeTokenVaultKind, ZksyncContracts.L1NativeTokenVault))
            {
                DecodeBridgeMint(log, context, sink);
            }
            else if (log.Topic0 == ZksyncSignatures.WithdrawalFinalizedSharedBridge)
            {
                DecodeSharedBridgeFinalization(log, context, sink);
            }
        }
    }

    private static void DecodeMessage(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        if (log.Topics.Length != 3 || !TopicWords.TryAddress(log.Topics[1], out var sender))
        {
            sink.OnRejected(new RejectedLog(log, $"L1MessageSent needs 3 topics (signature, address _sender, _hash), got {log.Topics.Length} or a non-address sender"));
            return;
        }

        if (!new AbiReader(log.Data.Span).TryBytes(0, out var range, out var bytesError))
        {
            sink.OnRejected(new RejectedLog(log, $"L1MessageSent _message: {bytesError}"));
            return;
        }

        var message = log.Data[range];
        if (Keccak256.Hash(message.Span) != log.Topics[2])
        {
            sink.OnRejected(new RejectedLog(log, "L1MessageSent _hash is not keccak256(_message)"));
            return;
        }

        var withdrawal = ReadWithdrawal(log, sender, message.Span, context);
        if (withdrawal is null)
        {
            return; // not a bridge withdrawal
        }

        if (withdrawal.Value.Error is { } error)
        {
            sink.OnRejected(new RejectedLog(log, error));
            return;
        }

        var w = withdrawal.Value;
        sink.OnEvent(new BridgeEvent
        {
            Position = LogPosition.Of(log),
            Protocol = Protocol.ZksyncWithdrawal,
            Kind = EventKind.MessageSent,
            CorrelationKey = ZksyncWithdrawalKey.Compute(log.ChainId, w.AssetId, w.Receiver, w.Amount),
            SourceChainId = log.ChainId,
            DestinationChainId = w.L1ChainId,
            Sender = w.User ?? sender,
            Target = w.Receiver,
            Payload = message,
            Asset = Address.Zero,
            Amount = w.IsEth ? w.Amount : Hash32.Zero,
            ObservedAtUnixNanos = context.ObservedAtUnixNanos,
        });
    }

    private readonly record struct Withdrawal(ulong L1ChainId, Hash32 AssetId, Address Receiver, Hash32 Amount, bool IsEth, Address? User, string? Error);

    /// <summary>The withdrawal a message encodes; null when it is not one of the bridge formats from its bridge sender.</summary>
    private static Withdrawal? ReadWithdrawal(RawLog log, Address sender, ReadOnlySpan<byte> message, DecodeContext context)
    {
        if (message.Length < 4)
        {
            return null;
        }

        var selector = BinaryPrimitives.ReadUInt32BigEndian(message);
        var fromBaseToken = sender == ZksyncContracts.L2BaseToken || sender == ZksyncContracts.L2AssetRouter;
        var fromLegacyBridge = (log.ChainId == ZksyncContracts.EraChainId && sender == ZksyncContracts.EraLegacyL2Bridge)
            || context.Contracts.Find(log.ChainId, sender)?.Kind == ZksyncContracts.L2LegacyBridgeKind;
        var isEth = selector == ZksyncSignatures.FinalizeEthWithdrawalSelector && fromBaseToken;
        var isLegacyToken = selector == ZksyncSignatures.LegacyErc20FinalizeWithdrawalSelector && fromLegacyBridge;
        var isAssetRouter = selector == ZksyncSignatures.AssetRouterFinalizeWithdrawalSelector && sender == ZksyncContracts.L2AssetRouter;
        if (!isEth && !isLegacyToken && !isAssetRouter)
        {
            return null;
        }

        var l1 = ZksyncContracts.CounterpartyOf(log, context);
        if (l1 == 0)
        {
            return Failed($"zkSync withdrawal on chain {log.ChainId}: its L1 is unknown (configure the {ZksyncContracts.L1MessengerKind} with its counterparty chain)");
        }

        if (isEth)
        {
            // finalizeEthWithdrawal.selector ‖ address receiver (20) ‖ uint256 amount (32) [‖ address sender ‖ bytes extra]
            return message.Length < 56
                ? Failed($"zkSync base token withdrawal message is {message.Length} bytes, needs at least 56")
                : new Withdrawal(l1, ZksyncAssetId.Eth(l1), new Address(message.Slice(4, 20)), new Hash32(message.Slice(24, 32)), true, null, null);
        }

        if (isLegacyToken)
        {
            // finalizeWithdrawal.selector ‖ address receiver (20) ‖ address l1Token (20) ‖ uint256 amount (32)
            return message.Length != 76
                ? Failed($"zkSync legacy ERC20 withdrawal message is {message.Length} bytes, must be 76")
                : new Withdrawal(l1, ZksyncAssetId.OfNativeToken(l1, new Address(message.Slice(24, 20))), new Address(message.Slice(4, 20)),
                    new Hash32(message.Slice(44, 32)), false, null, null);
        }

        // finalizeWithdrawal.selector ‖ bytes32 assetId ‖ abi.encode(originalCaller, receiver, originToken, amount, erc20Metadata)
        if (message.Length < 36 + (32 * 5))
        {
            return Failed($"zkSync asset router withdrawal message is {message.Length} bytes, needs at least 196");
        }

        var mintData = new AbiReader(message[36..]);
        if (!mintData.TryAddress(0, out var originalCaller) || !mintData.TryAddress(1, out var receiver) || !mintData.TryWord(3, out var amount))
        {
            return Failed("zkSync asset router withdrawal message: bridge mint data is not (address, address, address, uint256, bytes)");
        }

        return new Withdrawal(l1, new Hash32(message.Slice(4, 32)), receiver, amount, false, originalCaller, null);

        static Withdrawal Failed(string reason) => new(0, default, default, default, false, null, reason);
    }

    // BridgeMint(uint256 indexed chainId, bytes32 indexed assetId, address receiver, uint256 amount), on the L1 vault.
    private static void DecodeBridgeMint(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var data = new AbiReader(log.Data.Span);
        if (log.Topics.Length != 3 || !log.Topics[1].FitsInUInt64)
        {
            sink.OnRejected(new RejectedLog(log, $"BridgeMint needs 3 topics (signature, chainId, assetId) with a 64-bit chain id, got {log.Topics.Length}"));
            return;
        }

        if (data.Length != 64 || !data.TryAddress(0, out var receiver) || !data.TryWord(1, out var amount))
        {
            sink.OnRejected(new RejectedLog(log, $"BridgeMint data is {data.Length} bytes or its receiver is not an address, needs (address, uint256)"));
            return;
        }

        var l2 = log.Topics[1].LowUInt64;
        var assetId = log.Topics[2];
        sink.OnEvent(Finalization(log, context, l2, assetId, receiver, amount, assetId == ZksyncAssetId.Eth(log.ChainId)));
    }

    // WithdrawalFinalizedSharedBridge(uint256 indexed chainId, address indexed to, address indexed l1Token, uint256 amount).
    private static void DecodeSharedBridgeFinalization(RawLog log, DecodeContext context, IDecodeSink sink)
    {
        var data = new AbiReader(log.Data.Span);
        if (log.Topics.Length != 4 || !log.Topics[1].FitsInUInt64)
        {
            sink.OnRejected(new RejectedLog(log, $"WithdrawalFinalizedSharedBridge needs 4 topics (signature, chainId, to, l1Token) with a 64-bit chain id, got {log.Topics.Length}"));
            return;
        }

        if (!TopicWords.TryAddress(log.Topics[2], out var to) || !TopicWords.TryAddress(log.Topics[3], out var l1Token))
        {
            sink.OnRejected(new RejectedLog(log, "WithdrawalFinalizedSharedBridge to or l1Token is not an address"));
            return;
        }

        if (data.Length != 32 || !data.TryWord(0, out var amount))
        {
            sink.OnRejected(new RejectedLog(log, $"WithdrawalFinalizedSharedBridge data is {data.Length} bytes, needs 32 (amount)"));
            return;
        }

        var assetId = ZksyncAssetId.OfNativeToken(log.ChainId, l1Token);
        sink.OnEvent(Finalization(log, context, log.Topics[1].LowUInt64, assetId, to, amount, l1Token == ZksyncContracts.EthTokenAddress));
    }

    private static BridgeEvent Finalization(RawLog log, DecodeContext context, ulong l2ChainId, Hash32 assetId, Address receiver, Hash32 amount, bool isEth) => new()
    {
        Position = LogPosition.Of(log),
        Protocol = Protocol.ZksyncWithdrawal,
        Kind = EventKind.MessageRelayed,
        CorrelationKey = ZksyncWithdrawalKey.Compute(l2ChainId, assetId, receiver, amount),
        SourceChainId = l2ChainId,
        DestinationChainId = log.ChainId,
        Target = receiver,
        Amount = isEth ? amount : Hash32.Zero,
        ObservedAtUnixNanos = context.ObservedAtUnixNanos,
    };
}
