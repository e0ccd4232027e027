using System.Numerics;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Messaging;

/// <summary>Artifact names of the messaging stand-ins (infra/devnet/contracts) and the helpers their deployments share.</summary>
public static class MessagingContracts
{
    public const string HyperlaneMailbox = "HyperlaneMailbox";
    public const string HyperlaneHypErc20 = "HyperlaneHypERC20";
    public const string Usdc = "DevnetUsdc";
    public const string CctpMessageTransmitter = "CctpMessageTransmitter";
    public const string CctpTokenMessenger = "CctpTokenMessenger";
    public const string CctpMessageTransmitterV2 = "CctpMessageTransmitterV2";
    public const string CctpTokenMessengerV2 = "CctpTokenMessengerV2";
    public const string LayerZeroEndpoint = "LayerZeroEndpointV2";
    public const string LayerZeroExecutor = "LayerZeroExecutor";
    public const string LayerZeroOft = "LayerZeroOft";
    public const string App = "DevnetMessagingApp";

    /// <summary>Gas for a stand-in's creation (the largest is about 6 KB of runtime code).</summary>
    public static readonly BigInteger DeployGas = 3_000_000;

    /// <summary>Gas for a configuration call.</summary>
    public static readonly BigInteger ConfigureGas = 300_000;

    /// <summary>Tokens each devnet chain mints to the messaging account at deployment: 10^9 whole tokens.</summary>
    public static BigInteger InitialSupply(int decimals) => BigInteger.Pow(10, 9 + decimals);

    /// <summary>An EVM address as the bytes32 the protocols carry (left-padded).</summary>
    public static byte[] Word(string address) => TopicWords.FromAddress(Address.Parse(address)).ToArray();

    /// <summary>
    /// Runs <paramref name="deployedAt"/>'s runtime code at <paramref name="target"/> (anvil_setCode): how the devnet
    /// puts a stand-in at a mainnet address the decoders recognise. The copy has the original's immutables (they are in
    /// the code) and empty storage.
    /// </summary>
    internal static async Task PlaceAtAsync(DevnetWallet wallet, string deployedAt, string target)
    {
        var code = await wallet.Web3.Eth.GetCode.SendRequestAsync(deployedAt);
        if (string.IsNullOrEmpty(code) || code == "0x")
        {
            throw new InvalidOperationException($"No code at {deployedAt} on {wallet.Chain.Name} to copy to {target}.");
        }

        await wallet.Web3.Client.SendRequestAsync<object>("anvil_setCode", null, target, code);
        var placed = await wallet.Web3.Eth.GetCode.SendRequestAsync(target);
        if (!string.Equals(placed, code, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"anvil_setCode did not put {deployedAt}'s code at {target} on {wallet.Chain.Name}.");
        }
    }

    /// <summary>A view call's result.</summary>
    internal static Task<TResult> QueryAsync<TFunction, TResult>(DevnetWallet wallet, string contract, TFunction function)
        where TFunction : FunctionMessage, new() =>
        wallet.Web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<TResult>(contract, function);

    /// <summary>The block a receipt's transaction is in.</summary>
    internal static long BlockOf(TransactionReceipt receipt) => (long)receipt.BlockNumber.Value;

    internal static string Hex(byte[] bytes) => bytes.ToHex(prefix: true);
}
