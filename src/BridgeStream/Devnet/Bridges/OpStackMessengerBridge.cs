using System.Numerics;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// The OP Stack bridge of every OP Stack rollup, wired like the real one: on the L1 an OptimismPortal and an
/// L1CrossDomainMessenger that sends through it (one of each per rollup, as on mainnet), on the rollup an
/// L2CrossDomainMessenger that relays deposit transactions from the aliased L1 messenger and sends through the
/// L2ToL1MessagePasser predeploy (0x4200...0016, put there with anvil_setCode), plus MessageTargets on both sides and a
/// StandardBridge stand-in with a token pair (deployment helpers, not ingested). The
/// portal enforces the proof maturity delay on chain, COMPRESSED to <see cref="CompressedChallengeWindowSeconds"/> seconds
/// (mainnet: 7 days) unless the build asks for another window. Uses anvil's funded dev account <see cref="DevnetAccounts.Deployer"/>.
/// </summary>
public sealed class OpStackMessengerBridge : IDevnetBridge
{
    public const int TargetsPerL2 = 3;

    /// <summary>The devnet's proof maturity delay (mainnet: 604,800 s): long enough to watch PROVEN, short enough to wait out.</summary>
    public const long CompressedChallengeWindowSeconds = 20;

    /// <summary>ETH the deployer puts into each portal for withdrawals (on mainnet: the ETH earlier deposits locked there).</summary>
    private static readonly BigInteger PortalFunding = BigInteger.Pow(10, 18) * 1_000;

    private static readonly BigInteger DeployGas = 3_000_000;
    private static readonly HttpClient Http = new();

    public string Name => "OP Stack messengers, portals and message passers";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var l1 = build.L1;
        var window = build.ChallengeWindowSeconds ?? CompressedChallengeWindowSeconds;
        var l1Wallet = new DevnetWallet(l1, DevnetAccounts.Deployer, build.Logger);
        var relayer = DevnetAccounts.AddressOf(DevnetAccounts.Relayer);
        var contracts = new List<DevnetContract>();
        var targets = new List<DevnetTarget>();
        var timings = new List<DevnetTiming>();
        var helpers = new List<DevnetContract>();
        foreach (var l2 in build.RollupsOf(ChainRole.OpStack))
        {
            var l2Wallet = new DevnetWallet(l2, DevnetAccounts.Deployer, build.Logger);
            var portal = await l1Wallet.DeployAsync(build.Contracts[DevnetContracts.Portal], DeployGas, ct, new BigInteger(l2.ChainId), new BigInteger(window));
            await l1Wallet.SendAsync(portal.ContractAddress, new DonateEthFunction(), 100_000, PortalFunding, ct);
            var l1Receipt = await l1Wallet.DeployAsync(build.Contracts[DevnetContracts.L1Messenger], DeployGas, ct, new BigInteger(l2.ChainId), portal.ContractAddress);
            var l2Receipt = await l2Wallet.DeployAsync(
                build.Contracts[DevnetContracts.L2Messenger], DeployGas, ct, new BigInteger(l1.ChainId), l1Receipt.ContractAddress, relayer);
            await l1Wallet.SendAsync(l1Receipt.ContractAddress, new InitializeMessengerFunction { OtherMessenger = l2Receipt.ContractAddress }, 100_000, BigInteger.Zero, ct);
            var passer = await DeployPredeployAsync(l2Wallet, build.Contracts[DevnetContracts.MessagePasser], OpStackWithdrawalContracts.L2ToL1MessagePasser.ToString(), ct);

            var portalBlock = (long)portal.BlockNumber.Value;
            contracts.Add(new DevnetContract(DevnetDeployment.PortalKind, l1.ChainId, portal.ContractAddress, l2.ChainId, passer, portalBlock));
            contracts.Add(new DevnetContract(DevnetDeployment.L1MessengerKind, l1.ChainId, l1Receipt.ContractAddress, l2.ChainId, l2Receipt.ContractAddress, (long)l1Receipt.BlockNumber.Value));
            contracts.Add(new DevnetContract(DevnetDeployment.L2MessengerKind, l2.ChainId, l2Receipt.ContractAddress, l1.ChainId, l1Receipt.ContractAddress, (long)l2Receipt.BlockNumber.Value));
            contracts.Add(new DevnetContract(DevnetDeployment.MessagePasserKind, l2.ChainId, passer, l1.ChainId, portal.ContractAddress, (long)l2Receipt.BlockNumber.Value));
            for (var i = 0; i < TargetsPerL2; i++)
            {
                var target = await l2Wallet.DeployAsync(build.Contracts[DevnetContracts.Target], DeployGas, ct, relayer);
                targets.Add(new DevnetTarget(l2.ChainId, target.ContractAddress));
            }

            // A receiver of withdrawals and L2 -> L1 messages on the L1 (owned by the relayer, which blocks tags on it).
            var l1Target = await l1Wallet.DeployAsync(build.Contracts[DevnetContracts.Target], DeployGas, ct, relayer);
            targets.Add(new DevnetTarget(l1.ChainId, l1Target.ContractAddress));
            timings.Add(new DevnetTiming(l2.ChainId, window, null));
            helpers.AddRange(await DeployStandardBridgeAsync(build, l1Wallet, l2Wallet, l1Receipt.ContractAddress, l2Receipt.ContractAddress, ct));

            build.Logger.LogInformation(
                "OP Stack {L1} <-> {L2}: portal {Portal} (proof maturity delay {Window} s{Compressed}), L1 messenger {L1Messenger}, L2 messenger {L2Messenger}, message passer {Passer}",
                l1.Name, l2.Name, portal.ContractAddress, window, window == CompressedChallengeWindowSeconds ? ", compressed from 7 days" : "",
                l1Receipt.ContractAddress, l2Receipt.ContractAddress, passer);
        }

        return new DevnetBridgeDeployment(contracts, targets, Timings: timings, Helpers: helpers);
    }

    /// <summary>
    /// A StandardBridge stand-in on each side (sending through the messengers) and a token pair: on the L1 a faucet token,
    /// on the L2 its OptimismMintableERC20 stand-in that only the L2 bridge mints. Not ingested: the messenger carries the transfers.
    /// </summary>
    private static async Task<IReadOnlyList<DevnetContract>> DeployStandardBridgeAsync(
        DevnetBuild build, DevnetWallet l1Wallet, DevnetWallet l2Wallet, string l1Messenger, string l2Messenger, CancellationToken ct)
    {
        var (l1, l2) = (l1Wallet.Chain, l2Wallet.Chain);
        var l1Bridge = await l1Wallet.DeployAsync(build.Contracts[DevnetContracts.StandardBridge], DeployGas, ct, l1Messenger);
        var l2Bridge = await l2Wallet.DeployAsync(build.Contracts[DevnetContracts.StandardBridge], DeployGas, ct, l2Messenger);
        await l1Wallet.SendAsync(l1Bridge.ContractAddress, new InitializeBridgeFunction { OtherBridge = l2Bridge.ContractAddress }, 100_000, BigInteger.Zero, ct);
        await l2Wallet.SendAsync(l2Bridge.ContractAddress, new InitializeBridgeFunction { OtherBridge = l1Bridge.ContractAddress }, 100_000, BigInteger.Zero, ct);
        const string none = "0x0000000000000000000000000000000000000000";
        var l1Token = await l1Wallet.DeployAsync(build.Contracts[DevnetContracts.Token], DeployGas, ct, "Devnet Token", "DEV", none, none);
        var l2Token = await l2Wallet.DeployAsync(build.Contracts[DevnetContracts.Token], DeployGas, ct, "Devnet Token (bridged)", "DEV", l2Bridge.ContractAddress, l1Token.ContractAddress);
        return
        [
            new(DevnetContracts.StandardBridge, l1.ChainId, l1Bridge.ContractAddress, l2.ChainId, l2Bridge.ContractAddress, (long)l1Bridge.BlockNumber.Value),
            new(DevnetContracts.StandardBridge, l2.ChainId, l2Bridge.ContractAddress, l1.ChainId, l1Bridge.ContractAddress, (long)l2Bridge.BlockNumber.Value),
            new(DevnetContracts.Token, l1.ChainId, l1Token.ContractAddress, l2.ChainId, l2Token.ContractAddress, (long)l1Token.BlockNumber.Value),
            new(DevnetContracts.Token, l2.ChainId, l2Token.ContractAddress, l1.ChainId, l1Token.ContractAddress, (long)l2Token.BlockNumber.Value),
        ];
    }

    /// <summary>Deploys normally, then copies the runtime code to the predeploy address (no constructor state there).</summary>
    private static async Task<string> DeployPredeployAsync(DevnetWallet wallet, ContractArtifact artifact, string predeploy, CancellationToken ct)
    {
        var deployed = await wallet.DeployAsync(artifact, DeployGas, ct);
        var rpc = new JsonRpcClient(Http, [wallet.Chain.RpcUrl], (ulong)wallet.Chain.ChainId, NullLogger.Instance);
        using var code = System.Text.Json.JsonDocument.Parse(await rpc.CallAsync("eth_getCode", $"[\"{deployed.ContractAddress}\",\"latest\"]", ct));
        var runtime = code.RootElement.GetProperty("result").GetString();
        await rpc.CallAsync("anvil_setCode", $"[\"{predeploy}\",\"{runtime}\"]", ct);
        return predeploy;
    }
}
