using System.Buffers.Binary;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// Turns a TransactionDeposited log into the deposit transaction op-node derives from it, with op-node's checks in
/// op-node's order (op-node/rollup/derive/deposit_log.go, UnmarshalDepositLogEvent + unmarshalDepositVersion0).
/// The log data is abi.encode(bytes opaqueData); opaqueData = abi.encodePacked(uint256 mint, uint256 value,
/// uint64 gasLimit, bool isCreation, bytes data), so the call data is everything after the first 73 bytes.
/// </summary>
public static class TransactionDepositedLog
{
    public const int OpaqueHeaderLength = 32 + 32 + 8 + 1;

    public static string? TryDecode(RawLog log, out DepositTransaction deposit)
    {
        deposit = default;
        var error = CheckEnvelope(log);
        if (error is not null)
        {
            return error;
        }

        var data = log.Data.Span;
        var opaqueLength = BinaryPrimitives.ReadUInt64BigEndian(data[56..64]);
        var opaque = log.Data.Slice(64, (int)opaqueLength);
        if (opaque.Length < OpaqueHeaderLength)
        {
            return $"TransactionDeposited opaqueData is {opaque.Length} bytes, needs at least {OpaqueHeaderLength}";
        }

        deposit = FromOpaqueData(log, opaque);
        return null;
    }

    private static string? CheckEnvelope(RawLog log)
    {
        if (log.Topics.Length != 4)
        {
            return $"TransactionDeposited needs 4 topics (signature, from, to, version), got {log.Topics.Length}";
        }

        if (!log.Topics[3].IsZero)
        {
            return $"TransactionDeposited version {log.Topics[3]} is unknown; only version 0 is defined";
        }

        if (log.BlockHash.IsZero)
        {
            return "TransactionDeposited without its L1 block hash: the deposit source hash needs it";
        }

        var data = log.Data.Span;
        if (data.Length < 64 || data.Length % 32 != 0)
        {
            return $"TransactionDeposited data is {data.Length} bytes; needs a 64-byte bytes header and whole words";
        }

        if (data[..31].ContainsAnyExcept((byte)0) || data[31] != 32)
        {
            return "TransactionDeposited opaqueData offset is not 32";
        }

        var available = (ulong)(data.Length - 64);
        var length = BinaryPrimitives.ReadUInt64BigEndian(data[56..64]);
        if (data[32..56].ContainsAnyExcept((byte)0) || length > available)
        {
            return "TransactionDeposited opaqueData length exceeds the log data";
        }

        // op-node also refuses padding beyond the minimum (a whole extra zero word).
        return length + 32 <= available ? "TransactionDeposited opaqueData has more than minimal padding" : null;
    }

    private static DepositTransaction FromOpaqueData(RawLog log, ReadOnlyMemory<byte> opaque)
    {
        var bytes = opaque.Span;
        var from = TopicAddress(log.Topics[1]);
        var to = TopicAddress(log.Topics[2]);
        var isCreation = bytes[72] != 0; // op-node: only a zero byte keeps the `to` address
        return new DepositTransaction(
            SourceHash: DepositSource.UserDeposit(log.BlockHash, log.LogIndex),
            From: from,
            To: isCreation ? null : to,
            Mint: new Hash32(bytes[..32]),
            Value: new Hash32(bytes[32..64]),
            Gas: BinaryPrimitives.ReadUInt64BigEndian(bytes[64..72]),
            IsSystemTransaction: false,
            Data: opaque[OpaqueHeaderLength..]);
    }

    // op-node takes the low 20 bytes of the topic (common.BytesToAddress(topic[12:])) without checking the rest.
    private static Address TopicAddress(Hash32 topic)
    {
        Span<byte> bytes = stackalloc byte[32];
        topic.CopyTo(bytes);
        return new Address(bytes[12..]);
    }
}
