using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Anvil;

/// <summary>
/// One dev account's wallets, one per devnet chain, created on first use and shared by everything that sends from that
/// account (two wallets of one account on one chain would clash on nonces).
/// </summary>
internal sealed class AccountWallets(DevnetDeployment deployment, int account, ILogger logger)
{
    private readonly ConcurrentDictionary<long, Lazy<DevnetWallet>> _wallets = new();

    public string Address { get; } = DevnetAccounts.AddressOf(account);

    public DevnetDeployment Deployment => deployment;

    public DevnetWallet On(long chainId) =>
        _wallets.GetOrAdd(chainId, id => new Lazy<DevnetWallet>(() => new DevnetWallet(deployment.Chain(id), account, logger))).Value;
}
