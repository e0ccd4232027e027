using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace BridgeStream.Devnet;

/// <summary>
/// OP Stack Hashing.hashCrossDomainMessageV1: keccak256 of the ABI-encoded
/// relayMessage(uint256,address,address,uint256,uint256,bytes) call (selector included).
/// </summary>
public static class CrossDomainMessageHash
{
    /// <summary>Version 1 message nonces carry the version in the top two bytes.</summary>
    public static readonly BigInteger Version1 = BigInteger.One << 240;

    public static BigInteger VersionedNonce(BigInteger nonce) => Version1 | nonce;

    public static byte[] ComputeV1(BigInteger nonce, string sender, string target, BigInteger value, BigInteger minGasLimit, byte[] message)
    {
        var call = new RelayMessageFunction
        {
            MessageNonce = nonce,
            Sender = sender,
            Target = target,
            MessageValue = value,
            MinGasLimit = minGasLimit,
            Message = message,
        };
        return Sha3Keccack.Current.CalculateHash(call.GetCallData());
    }

    public static string ComputeV1Hex(BigInteger nonce, string sender, string target, BigInteger value, BigInteger minGasLimit, byte[] message) =>
        ComputeV1(nonce, sender, target, value, minGasLimit, message).ToHex(prefix: true);
}
