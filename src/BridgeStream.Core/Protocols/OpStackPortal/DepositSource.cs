using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// The source hash that makes every deposit transaction unique (op-node/rollup/derive/deposit_source.go,
/// UserDepositSource.SourceHash): keccak256(bytes32(domain 0) ++ keccak256(l1BlockHash ++ bytes32(logIndex))).
/// The log index is the log's index in its L1 block, as eth_getLogs reports it.
/// </summary>
public static class DepositSource
{
    public const ulong UserDepositDomain = 0;

    public static Hash32 UserDeposit(Hash32 l1BlockHash, ulong logIndex)
    {
        Span<byte> input = stackalloc byte[64];
        input.Clear();
        l1BlockHash.CopyTo(input);
        BinaryPrimitives.WriteUInt64BigEndian(input[56..], logIndex);
        Span<byte> depositId = stackalloc byte[32];
        Keccak256.Hash(input, depositId);

        input.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(input[24..], UserDepositDomain);
        depositId.CopyTo(input[32..]);
        return Keccak256.Hash(input);
    }
}
