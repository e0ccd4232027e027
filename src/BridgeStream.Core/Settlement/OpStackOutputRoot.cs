using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Settlement;

/// <summary>
/// An OP Stack output root, version 0 (specs "L2 Output Commitment Construction"; contracts-bedrock Hashing.hashOutputRootProof):
/// keccak256(version ++ stateRoot ++ messagePasserStorageRoot ++ latestBlockhash), each 32 bytes. The devnet proposer
/// commits to its rollup's blocks with it; the fixtures check it against a real output root and its proof.
/// </summary>
public static class OpStackOutputRoot
{
    public static Hash32 Compute(Hash32 version, Hash32 stateRoot, Hash32 messagePasserStorageRoot, Hash32 latestBlockHash)
    {
        Span<byte> packed = stackalloc byte[128];
        version.CopyTo(packed);
        stateRoot.CopyTo(packed[32..]);
        messagePasserStorageRoot.CopyTo(packed[64..]);
        latestBlockHash.CopyTo(packed[96..]);
        return Keccak256.Hash(packed);
    }
}
