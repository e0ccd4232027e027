using System.Numerics;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Messaging;

/// <summary>
/// Circle CCTP v1 and v2 on every devnet chain, with a USDC-like token (DevnetUsdc, 6 decimals, 10^9 USDC minted to the
/// messaging account, which approved both TokenMessengers). The stand-ins run at MAINNET addresses (anvil_setCode),
/// because that is how the decoders know a message sender is a TokenMessenger (its body is then a burn, with asset and
/// amount) and how the v2 key knows which body fields Circle's attester fills in:
/// <list type="bullet">
/// <item>v2: MessageTransmitterV2 and TokenMessengerV2 at their one CREATE2 address, on every chain, as on mainnet.</item>
/// <item>v1: a v1 TokenMessenger's address differs per mainnet chain, so each devnet chain takes the pair (MessageTransmitter,
/// TokenMessenger) of a mainnet chain of its kind: the L1 Ethereum's, OP Stack rollups OP Mainnet's then Base's, an Arbitrum
/// rollup Arbitrum One's, others Polygon's then Avalanche's (<see cref="AssignV1"/>).</item>
/// </list>
/// Each is deployed normally first (its constructor fixes the immutables: domain, attester, transmitter, token) and its
/// runtime code copied to the mainnet address; the TokenMessengers are then configured with the owner functions the real
/// contracts have (addRemoteTokenMessenger, linkTokenPair) for every other chain.
/// </summary>
public sealed class CctpBridge : IDevnetBridge
{
    // Preferred mainnet chains (whose v1 addresses a devnet chain borrows) per stack, then the rest in this order.
    private static readonly ulong[] V1Fallback = [1, 10, 42161, 8453, 137, 43114];

    public string Name => "Circle CCTP v1 and v2";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var chains = build.AllChains.ToList();
        var owner = DevnetAccounts.AddressOf(DevnetAccounts.Messaging);
        var v1 = AssignV1(chains);
        var wallets = chains.ToDictionary(c => c.ChainId, c => new DevnetWallet(c, DevnetAccounts.Messaging, build.Logger));
        var deployed = await Task.WhenAll(chains.Select(chain => DeployOnAsync(build, wallets[chain.ChainId], chain, v1[chain.ChainId], owner, ct)));
        await Task.WhenAll(deployed.Select(local => LinkAsync(wallets[local.Chain.ChainId], local, deployed, ct)));

        var contracts = new List<DevnetContract>();
        foreach (var d in deployed)
        {
            contracts.Add(new DevnetContract(CctpDeployments.MessageTransmitterKind, d.Chain.ChainId, d.TransmitterV1, 0, "", d.Block));
            contracts.Add(new DevnetContract(CctpV1Module.TokenMessengerKind, d.Chain.ChainId, d.MessengerV1, 0, "", d.Block));
            contracts.Add(new DevnetContract(CctpV2Module.MessageTransmitterKind, d.Chain.ChainId, d.TransmitterV2, 0, "", d.Block));
            contracts.Add(new DevnetContract(CctpV2Module.TokenMessengerKind, d.Chain.ChainId, d.MessengerV2, 0, "", d.Block));
            build.Logger.LogInformation("CCTP on {Chain} (domain {Domain}): USDC {Usdc}; v1 MessageTransmitter {Mt1}, TokenMessenger {Tm1}; v2 {Mt2}, {Tm2}",
                d.Chain.Name, d.Domain, d.Usdc, d.TransmitterV1, d.MessengerV1, d.TransmitterV2, d.MessengerV2);
        }

        return new DevnetBridgeDeployment(contracts, Domains: MessagingDomains.Declare(build, CctpDomains.Space));
    }

    /// <summary>Which mainnet chain's v1 (MessageTransmitter, TokenMessenger) addresses each devnet chain uses.</summary>
    public static IReadOnlyDictionary<long, (Address MessageTransmitter, Address TokenMessenger)> AssignV1(IEnumerable<DevnetChain> chains)
    {
        var used = new HashSet<ulong>();
        var assigned = new Dictionary<long, (Address, Address)>();
        foreach (var chain in chains)
        {
            ulong[] preferred = chain.Role switch
            {
                ChainRole.L1 => [1],
                ChainRole.OpStack => [10, 8453],
                ChainRole.Arbitrum => [42161],
                _ => [137, 43114],
            };
            var mainnet = preferred.Concat(V1Fallback).FirstOrDefault(id => !used.Contains(id), preferred[0]);
            used.Add(mainnet);
            assigned[chain.ChainId] = CctpDeployments.V1[mainnet];
        }

        return assigned;
    }

    private sealed record Deployed(
        DevnetChain Chain, uint Domain, string Usdc, string TransmitterV1, string MessengerV1, string TransmitterV2, string MessengerV2, long Block);

    private static async Task<Deployed> DeployOnAsync(
        DevnetBuild build, DevnetWallet wallet, DevnetChain chain, (Address MessageTransmitter, Address TokenMessenger) v1, string owner, CancellationToken ct)
    {
        var domain = MessagingDomains.Cctp(build, chain);
        var transmitterV1 = v1.MessageTransmitter.ToString();
        var messengerV1 = v1.TokenMessenger.ToString();
        var transmitterV2 = CctpDeployments.MessageTransmitterV2.ToString();
        var messengerV2 = CctpDeployments.TokenMessengerV2.ToString();

        var usdc = await wallet.DeployAsync(build.Contracts[MessagingContracts.Usdc], MessagingContracts.DeployGas, ct, owner);
        var token = usdc.ContractAddress;
        var templates = await Task.WhenAll(
            wallet.DeployAsync(build.Contracts[MessagingContracts.CctpMessageTransmitter], MessagingContracts.DeployGas, ct, domain, owner),
            wallet.DeployAsync(build.Contracts[MessagingContracts.CctpTokenMessenger], MessagingContracts.DeployGas, ct, transmitterV1, owner, token),
            wallet.DeployAsync(build.Contracts[MessagingContracts.CctpMessageTransmitterV2], MessagingContracts.DeployGas, ct, domain, owner),
            wallet.DeployAsync(build.Contracts[MessagingContracts.CctpTokenMessengerV2], MessagingContracts.DeployGas, ct, transmitterV2, owner, token));
        string[] targets = [transmitterV1, messengerV1, transmitterV2, messengerV2];
        for (var i = 0; i < targets.Length; i++)
        {
            await MessagingContracts.PlaceAtAsync(wallet, templates[i].ContractAddress, targets[i]);
        }

        var max = BigInteger.Pow(2, 256) - 1;
        await Task.WhenAll(
            wallet.SendAsync(token, new UsdcConfigureMinterFunction { Minter = messengerV1 }, MessagingContracts.ConfigureGas, BigInteger.Zero, ct),
            wallet.SendAsync(token, new UsdcConfigureMinterFunction { Minter = messengerV2 }, MessagingContracts.ConfigureGas, BigInteger.Zero, ct),
            wallet.SendAsync(token, new UsdcMintFunction { To = owner, Amount = MessagingContracts.InitialSupply(6) }, MessagingContracts.ConfigureGas, BigInteger.Zero, ct),
            wallet.SendAsync(token, new Erc20ApproveFunction { Spender = messengerV1, Value = max }, MessagingContracts.ConfigureGas, BigInteger.Zero, ct),
            wallet.SendAsync(token, new Erc20ApproveFunction { Spender = messengerV2, Value = max }, MessagingContracts.ConfigureGas, BigInteger.Zero, ct));
        var block = templates.Min(MessagingContracts.BlockOf);
        return new Deployed(chain, domain, token, transmitterV1, messengerV1, transmitterV2, messengerV2, block);
    }

    // Every remote chain's TokenMessengers are trusted senders, and its USDC mints this chain's USDC.
    private static Task LinkAsync(DevnetWallet wallet, Deployed local, IReadOnlyList<Deployed> all, CancellationToken ct)
    {
        var calls = new List<Task>();
        foreach (var remote in all.Where(d => d.Chain.ChainId != local.Chain.ChainId))
        {
            foreach (var (messenger, remoteMessenger) in new[] { (local.MessengerV1, remote.MessengerV1), (local.MessengerV2, remote.MessengerV2) })
            {
                calls.Add(wallet.SendAsync(messenger, new AddRemoteTokenMessengerFunction { Domain = remote.Domain, TokenMessenger = MessagingContracts.Word(remoteMessenger) },
                    MessagingContracts.ConfigureGas, BigInteger.Zero, ct));
                calls.Add(wallet.SendAsync(messenger, new LinkTokenPairFunction { LocalToken = local.Usdc, RemoteDomain = remote.Domain, RemoteToken = MessagingContracts.Word(remote.Usdc) },
                    MessagingContracts.ConfigureGas, BigInteger.Zero, ct));
            }
        }

        return Task.WhenAll(calls);
    }
}
