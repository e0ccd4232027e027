using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace BridgeStream.Devnet.Bridges.Anvil;

/// <summary>anvil's cheat RPCs the devnet bridges use (anvil only: a real node refuses them).</summary>
internal static class AnvilCheats
{
    /// <summary>
    /// Puts a contract at a fixed address (an Arbitrum precompile, a well-known devnet helper): deploys nothing itself, it
    /// copies the runtime code of <paramref name="template"/>, an ordinary deployment of the same contract. Constructor
    /// state stays behind at the template; immutables travel with the code.
    /// </summary>
    public static async Task CopyCodeAsync(Web3 web3, string template, string address)
    {
        var code = await web3.Eth.GetCode.SendRequestAsync(template);
        if (string.IsNullOrEmpty(code) || code == "0x")
        {
            throw new InvalidOperationException($"No code at {template} to copy to {address}.");
        }

        await web3.Client.SendRequestAsync<object>("anvil_setCode", null, address, code);
        var copied = await web3.Eth.GetCode.SendRequestAsync(address);
        if (!string.Equals(copied, code, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"anvil_setCode did not put the code of {template} at {address}.");
        }
    }

    public static async Task<bool> HasCodeAsync(Web3 web3, string address)
    {
        var code = await web3.Eth.GetCode.SendRequestAsync(address);
        return !string.IsNullOrEmpty(code) && code != "0x";
    }

    public static Task SetBalanceAsync(Web3 web3, string address, BigInteger wei) =>
        web3.Client.SendRequestAsync<object>("anvil_setBalance", null, address, new HexBigInteger(wei).HexValue);

    public static Task ImpersonateAsync(Web3 web3, string address) =>
        web3.Client.SendRequestAsync<object>("anvil_impersonateAccount", null, address);

    /// <summary>The latest block's timestamp (unix seconds).</summary>
    public static async Task<long> LatestTimestampAsync(Web3 web3)
    {
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return (long)block.Timestamp.Value;
    }
}
