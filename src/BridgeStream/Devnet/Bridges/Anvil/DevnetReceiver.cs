using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Bridges.Anvil;

/// <summary>
/// The TimedReceiver contract (infra/devnet/contracts/TimedReceiver.sol) at one well-known address on the chains that
/// need it: the target of the Arbitrum and Scroll devnet messages. A message receiveMessage(notBefore, payload) fails
/// while the chain's time is before notBefore and succeeds after, so the same message fails first and succeeds when it
/// is retried later, with no owner switching anything. Being stateless it lives at a fixed address (anvil_setCode) and
/// needs no entry in the deployment.
/// </summary>
internal static class DevnetReceiver
{
    public const string ContractName = "TimedReceiver";

    /// <summary>Where the receiver lives on every chain that has it (a devnet-only address).</summary>
    public const string Address = "0x00000000000000000000000000000000000c0ffe";

    /// <summary>notBefore of a message that never succeeds.</summary>
    public static readonly BigInteger Never = BigInteger.Pow(2, 256) - 1;

    private static readonly BigInteger DeployGas = 1_000_000;

    /// <summary>Deploys the receiver on the chain unless it is there already.</summary>
    public static async Task EnsureAsync(DevnetWallet wallet, DevnetContracts contracts, CancellationToken ct)
    {
        if (await AnvilCheats.HasCodeAsync(wallet.Web3, Address))
        {
            return;
        }

        var template = await wallet.DeployAsync(contracts[ContractName], DeployGas, ct);
        await AnvilCheats.CopyCodeAsync(wallet.Web3, template.ContractAddress, Address);
    }

    /// <summary>The call data of a message to the receiver.</summary>
    public static byte[] Message(BigInteger notBefore, byte[] payload) =>
        new ReceiveTimedMessageFunction { NotBefore = notBefore, Payload = payload }.GetCallData();
}

[Function("receiveMessage")]
internal sealed class ReceiveTimedMessageFunction : FunctionMessage
{
    [Parameter("uint256", "notBefore", 1)]
    public BigInteger NotBefore { get; set; }

    [Parameter("bytes", "payload", 2)]
    public byte[] Payload { get; set; } = [];
}
