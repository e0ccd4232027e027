using System.Numerics;
using BridgeStream.Core.Primitives;
using CoreHash = BridgeStream.Core.Protocols.OpStack.CrossDomainMessageHash;

namespace BridgeStream.Devnet;

/// <summary>
/// The msgHash a devnet relay must report, from Nethereum's decoded event fields, computed by the core's
/// hashCrossDomainMessageV1 (the code that pairs mainnet messages): the devnet contracts then check the core too.
/// </summary>
public static class DevnetMessageHash
{
    public static string ComputeV1Hex(BigInteger nonce, string sender, string target, BigInteger value, BigInteger gasLimit, byte[] message) =>
        CoreHash.V1(Hash32.FromBigInteger(nonce), Address.Parse(sender), Address.Parse(target), Hash32.FromBigInteger(value), (ulong)gasLimit, message).ToString();
}
