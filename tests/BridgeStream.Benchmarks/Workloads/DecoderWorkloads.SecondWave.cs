using System.Buffers.Binary;
using BridgeStream.Benchmarks.Support;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.Linea;
using BridgeStream.Core.Protocols.OpInterop;
using BridgeStream.Core.Protocols.Zksync;
using static BridgeStream.Benchmarks.Support.Abi;

namespace BridgeStream.Benchmarks.Workloads;

/// <summary>
/// The second wave's protocols (Linea, zkSync priority requests and withdrawals, OP Superchain interop), built like the
/// first wave's: fixtures of tests/BridgeStream.Tests/Fixtures/{linea,zksync,op-interop} as templates, each message
/// varied so its key is its own (and, where the key is a hash the decoder checks, the hash recomputed), receives keyed to
/// the batch's own sends. The decoders are the ones ProtocolCatalog creates.
/// </summary>
public static partial class DecoderWorkloads
{
    /// <summary>500 MessageSent + 500 MessageClaimed.</summary>
    public const int LineaMessageServiceLogs = 1_000;

    /// <summary>500 NewPriorityRequest + 500 L2 status logs (L2ToL1LogSent from the bootloader; 1 in 5 a failed deposit).</summary>
    public const int ZksyncPriorityRequestLogs = 1_000;

    /// <summary>501 L2 L1MessageSent (ETH, legacy ERC20, asset router formats in turn) + 501 L1 finalizations.</summary>
    public const int ZksyncWithdrawalLogs = 1_002;

    /// <summary>500 SentMessage, 500 relays (ExecutingMessage + RelayedMessage, both versions in turn).</summary>
    public const int OpSuperchainInteropLogs = 1_500;

    public static Workload LineaMessageService()
    {
        var decoder = ProtocolCatalog.Module(Protocol.LineaMessageService).CreateDecoder();
        var sends = Templates(decoder, "linea/eth-l1-send-eth-deposit.json", "linea/eth-l1-send-wbtc-deposit.json");
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            var send = LineaSendWithNonce(sends[i % sends.Count].Single(), i);
            batch.Add(send);

            // SYNTHETIC claim on L2: MessageClaimed(_messageHash) from the L2MessageService (no real L2 log was found).
            batch.Add(Log(LineaDeployments.LineaChainId, LineaDeployments.L2MessageService, 0, [LineaSignatures.MessageClaimed, send.Topics[3]], []));
        }

        return new Workload("LineaMessageService", decoder, batch.Build(), 2 * Messages, Messages,
            "real L1 MessageSent (ETH and TokenBridge WBTC deposits) from Fixtures/linea, nonce varied, _messageHash recomputed; synthetic L2 MessageClaimed");
    }

    // MessageSent(address indexed _from, address indexed _to, uint256 _fee, uint256 _value, uint256 _nonce, bytes _calldata, bytes32 indexed _messageHash).
    private static RawLog LineaSendWithNonce(RawLog template, int i)
    {
        var log = WithDataLow64(template, 64, i);
        var data = new AbiReader(log.Data.Span);
        if (!data.TryWord(0, out var fee) || !data.TryWord(1, out var value) || !data.TryWord(2, out var nonce) || !data.TryBytes(3, out var calldata, out _)
            || !TopicWords.TryAddress(log.Topics[1], out var from) || !TopicWords.TryAddress(log.Topics[2], out var to))
        {
            throw new InvalidOperationException("Linea MessageSent fixture does not read");
        }

        var hash = LineaMessageHash.Compute(from, to, fee, value, nonce, log.Data.Span[calldata]);
        return With(log, topics: [.. log.Topics[..3], hash]);
    }

    public static Workload ZksyncPriorityRequest()
    {
        var decoder = ProtocolCatalog.Module(Protocol.ZksyncPriorityRequest).CreateDecoder();
        var requests = Templates(decoder, "zksync/era-mainnet-priority-op-67.json", "zksync/viem-local-l1-new-priority-request.json");
        var status = Templates(decoder, "zksync/synthetic-era-l2-deposit-status-success.json")[0].Single();
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            var (request, txHash) = PriorityRequestWithNonce(requests[i % requests.Count].Single(), i);
            batch.Add(request);

            // The L2 side: the bootloader's status log for that transaction (key = its hash; every 5th one failed, value 0).
            var data = status.Data.ToArray();
            txHash.CopyTo(data.AsSpan(4 * 32, 32));
            Word(i % 5 == 4 ? 0UL : 1UL).CopyTo(data.AsSpan(5 * 32, 32));
            batch.Add(With(status, data: data));
        }

        return new Workload("ZksyncPriorityRequest", decoder, batch.Build(), 2 * Messages, Messages,
            "NewPriorityRequest of Fixtures/zksync (encoded from the real Era mainnet op 67, and a real local-devnet log), txId and L2 nonce varied, canonical tx hash recomputed; synthetic L2 status logs");
    }

    // NewPriorityRequest(uint256 txId, bytes32 txHash, uint64 expirationTimestamp, L2CanonicalTransaction transaction, bytes[] factoryDeps):
    // the transaction's tail runs from its offset to factoryDeps' offset; txHash = keccak256(abi.encode(transaction)).
    private static (RawLog Log, Hash32 TxHash) PriorityRequestWithNonce(RawLog template, int i)
    {
        var data = template.Data.ToArray();
        var reader = new AbiReader(data);
        if (!reader.TryUInt64(3, out var transactionOffset) || !reader.TryUInt64(4, out var depsOffset) || depsOffset <= transactionOffset)
        {
            throw new InvalidOperationException("NewPriorityRequest fixture does not read");
        }

        AddLow64(data, 0, i); // txId
        AddLow64(data, (int)transactionOffset + (8 * 32), i); // transaction.nonce (the priority op id)
        var encoding = new byte[32 + (int)(depsOffset - transactionOffset)];
        encoding[31] = 0x20; // abi.encode of one dynamic tuple: its offset, then the tuple
        data.AsSpan((int)transactionOffset, (int)(depsOffset - transactionOffset)).CopyTo(encoding.AsSpan(32));
        var txHash = Keccak256.Hash(encoding);
        txHash.CopyTo(data.AsSpan(32, 32));
        return (With(template, data: data), txHash);
    }

    public static Workload ZksyncWithdrawal()
    {
        const int withdrawals = 501;
        var decoder = ProtocolCatalog.Module(Protocol.ZksyncWithdrawal).CreateDecoder();
        var eth = Templates(decoder, "zksync/synthetic-era-l2-eth-withdrawal.json")[0].Single();
        var tokens = Templates(decoder, "zksync/synthetic-era-l2-token-withdrawals.json")[0]; // legacy ERC20, asset router
        var ethFinalizations = Templates(decoder, "zksync/synthetic-era-l1-eth-finalizations.json")[0]; // shared bridge, BridgeMint
        var tokenFinalizations = Templates(decoder, "zksync/synthetic-era-l1-token-finalizations.json")[0]; // the same, for each token withdrawal
        var batch = new BatchBuilder();
        for (var i = 0; i < withdrawals; i++)
        {
            // The key is (L2 chain, asset, receiver, amount): each withdrawal moves its own amount, in the message and its finalization.
            var (send, amountAt, finalization) = (i % 3) switch
            {
                0 => (eth, 24, ethFinalizations[i / 3 % 2]), // finalizeEthWithdrawal ‖ receiver ‖ amount; both L1 shapes in turn
                1 => (tokens[0], 44, tokenFinalizations[0]), // legacy finalizeWithdrawal ‖ receiver ‖ l1Token ‖ amount
                _ => (tokens[1], 36 + (3 * 32), tokenFinalizations[1]), // asset router: selector ‖ assetId ‖ abi.encode(.., amount, ..)
            };
            batch.Add(WithdrawalMessageWithAmount(send, amountAt, i));
            var finalizationAmountAt = finalization.Topic0 == ZksyncSignatures.BridgeMint ? 32 : 0;
            var data = finalization.Data.ToArray();
            AddLow64(data, finalizationAmountAt, i);
            batch.Add(With(finalization, data: data));
        }

        return new Workload("ZksyncWithdrawal", decoder, batch.Build(), 2 * withdrawals, withdrawals,
            "synthetic Era L1MessageSent withdrawals (ETH, legacy ERC20, asset router) and L1 finalizations (WithdrawalFinalizedSharedBridge, BridgeMint) from Fixtures/zksync, amount varied, _hash recomputed");
    }

    // L1MessageSent(address indexed _sender, bytes32 indexed _hash, bytes _message): _hash = keccak256(_message).
    private static RawLog WithdrawalMessageWithAmount(RawLog template, int amountAt, int i)
    {
        var data = template.Data.ToArray();
        if (!new AbiReader(data).TryBytes(0, out var range, out _))
        {
            throw new InvalidOperationException("L1MessageSent fixture does not read");
        }

        var message = data.AsSpan()[range];
        AddLow64(message, amountAt, i);
        return With(template, topics: [template.Topics[0], template.Topics[1], Keccak256.Hash(message)], data: data);
    }

    public static Workload OpSuperchainInterop()
    {
        var decoder = ProtocolCatalog.Module(Protocol.OpSuperchainInterop).CreateDecoder();
        var sent = Templates(decoder, "op-interop/supersim-901-send-superchain-token-bridge.json")[0].Single();
        var relays = Templates(decoder, "op-interop/synthetic-902-relay-v1beta.json", "op-interop/synthetic-902-relay-v2.json");
        var sends = new List<RawLog[]>(Messages);
        for (var i = 0; i < Messages; i++)
        {
            var nonce = WithLow64(sent.Topics[3], sent.Topics[3].LowUInt64 + (ulong)i + 1);
            sends.Add([With(sent, topics: [.. sent.Topics[..3], nonce])]);
        }

        var keys = Workload.Keys(decoder, sends);
        var batch = new BatchBuilder();
        for (var i = 0; i < Messages; i++)
        {
            batch.Add(sends[i]);

            // The relay receipt (ExecutingMessage, then RelayedMessage(source, nonce, messageHash)) re-keyed to this send.
            var receipt = relays[i % relays.Count];
            batch.Add([.. receipt.Select(log => log.Topic0 == OpInteropSignatures.ExecutingMessage
                ? log
                : With(log, topics: [log.Topics[0], log.Topics[1], sends[i][0].Topics[3], keys[i]]))]);
        }

        return new Workload("OpSuperchainInterop", decoder, batch.Build(), 3 * Messages, Messages,
            "real supersim SentMessage (Fixtures/op-interop), nonce varied; synthetic relay receipts (ExecutingMessage + RelayedMessage, 1.0.0-beta and 2.0.0) re-keyed to the sends");
    }

    /// <summary>Raises the low 8 bytes of the 32-byte word at <paramref name="wordOffset"/> by i + 1.</summary>
    private static void AddLow64(Span<byte> bytes, int wordOffset, int i)
    {
        var low = bytes.Slice(wordOffset + 24, 8);
        BinaryPrimitives.WriteUInt64BigEndian(low, BinaryPrimitives.ReadUInt64BigEndian(low) + (ulong)i + 1);
    }
}
