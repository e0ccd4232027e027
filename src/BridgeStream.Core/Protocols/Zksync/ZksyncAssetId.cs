using System.Buffers.Binary;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Zksync;

/// <summary>
/// DataEncoding.encodeNTVAssetId (era-contracts common/libraries/DataEncoding.sol):
/// keccak256(abi.encode(_chainId, L2_NATIVE_TOKEN_VAULT_ADDR, _tokenAddress)), the asset id of a token native to chain
/// _chainId as the native token vaults name it. ETH on an ETH-based chain settling on Ethereum is
/// encodeNTVAssetId(1, ETH_TOKEN_ADDRESS) = 0x05e1c3ae…7609 (l2beat reads the same value from getBaseTokenAssetId).
/// </summary>
public static class ZksyncAssetId
{
    public static Hash32 OfNativeToken(ulong nativeChainId, Address token)
    {
        Span<byte> buffer = stackalloc byte[96];
        buffer.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buffer[24..], nativeChainId);
        ZksyncContracts.L2NativeTokenVault.CopyTo(buffer[(32 + 12)..]);
        token.CopyTo(buffer[(64 + 12)..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>The asset id of ETH on an ETH-based chain whose settlement layer is <paramref name="l1ChainId"/>.</summary>
    public static Hash32 Eth(ulong l1ChainId) => OfNativeToken(l1ChainId, ZksyncContracts.EthTokenAddress);
}

/// <summary>
/// The pairing key of a zkSync withdrawal. Neither side carries an id of the other: the L2 message is identified on L1
/// only by (chainId, l2BatchNumber, l2MessageIndex), which are in the finalization's calldata, not in its events, and
/// the L1 events carry no message hash. What both sides do carry is the content: the L2 chain, the asset, the L1
/// receiver and the amount (the same match l2beat's production ZK stack plugin uses: assetId-receiver-amount). So
/// key = keccak256(abi.encode(uint256 l2ChainId, bytes32 assetId, address receiver, uint256 amount)).
/// It is deterministic but not unique: two withdrawals of the same amount of the same asset to the same receiver from
/// the same chain share a key, and their steps merge into one message record (first send, first finalization).
/// </summary>
public static class ZksyncWithdrawalKey
{
    public static Hash32 Compute(ulong l2ChainId, Hash32 assetId, Address receiver, Hash32 amount)
    {
        Span<byte> buffer = stackalloc byte[128];
        buffer.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buffer[24..], l2ChainId);
        assetId.CopyTo(buffer[32..]);
        receiver.CopyTo(buffer[(64 + 12)..]);
        amount.CopyTo(buffer[96..]);
        return Keccak256.Hash(buffer);
    }
}
