using System.Numerics;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Devnet.Bridges.Scroll;

/// <summary>
/// A SentMessage as a Scroll messenger emitted it, with the message hash computed by BridgeStream's core
/// (ScrollMessageHash, keccak of the relayMessage call data, as the decoder does).
/// </summary>
public sealed record ScrollMessage(
    long SourceChainId,
    long DestinationChainId,
    string TxHash,
    long BlockNumber,
    string Sender,
    string Target,
    BigInteger Value,
    BigInteger MessageNonce,
    BigInteger GasLimit,
    byte[] Message,
    Hash32 Hash)
{
    public bool IsDeposit(long l1ChainId) => SourceChainId == l1ChainId;
}

/// <summary>A relay attempt on the destination: the hash the messenger computed on chain and whether the call succeeded.</summary>
public sealed record ScrollRelay(long ChainId, string TxHash, long BlockNumber, bool Succeeded, Hash32 Hash);
