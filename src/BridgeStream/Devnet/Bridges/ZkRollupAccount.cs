using System.Numerics;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges;

/// <summary>
/// <see cref="DevnetAccounts.ZkRollups"/>, the account of the Linea and zkSync devnet bridges. anvil does not fund it (it
/// is not one of its ten accounts), so each bridge tops it up on the chains it deploys on before using it there.
/// </summary>
internal static class ZkRollupAccount
{
    public static readonly BigInteger Balance = BigInteger.Pow(10, 24);

    public static async Task<DevnetWallet> WalletAsync(DevnetChain chain, ILogger logger)
    {
        var wallet = new DevnetWallet(chain, DevnetAccounts.ZkRollups, logger);
        var balance = await wallet.Web3.Eth.GetBalance.SendRequestAsync(wallet.Address);
        if (balance.Value < Balance / 2)
        {
            await AnvilCheats.SetBalanceAsync(wallet.Web3, wallet.Address, Balance);
        }

        return wallet;
    }
}
