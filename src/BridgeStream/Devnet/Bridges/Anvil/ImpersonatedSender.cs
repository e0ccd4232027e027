using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace BridgeStream.Devnet.Bridges.Anvil;

/// <summary>
/// Sends transactions from an address nobody has the key of (a rollup's aliased L1 contract, as a system transaction
/// would), through anvil_impersonateAccount and eth_sendTransaction; anvil assigns the nonces. Sends are serialised.
/// </summary>
internal sealed class ImpersonatedSender
{
    private static readonly HexBigInteger GasPrice = new(new BigInteger(10_000_000_000));
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(120);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Web3 _web3;

    private ImpersonatedSender(DevnetChain chain, string address, Web3 web3)
    {
        Chain = chain;
        Address = address;
        _web3 = web3;
    }

    public DevnetChain Chain { get; }

    public string Address { get; }

    /// <summary>Impersonates <paramref name="address"/> on the chain and gives it <paramref name="balance"/> for gas.</summary>
    public static async Task<ImpersonatedSender> StartAsync(DevnetChain chain, string address, BigInteger balance)
    {
        var web3 = new Web3(chain.RpcUrl);
        web3.TransactionManager.UseLegacyAsDefault = true;
        await AnvilCheats.ImpersonateAsync(web3, address);
        await AnvilCheats.SetBalanceAsync(web3, address, balance);
        return new ImpersonatedSender(chain, address, web3);
    }

    /// <summary>Sends and returns the receipt whatever its status.</summary>
    public async Task<TransactionReceipt> SendAsync<TFunction>(string contract, TFunction function, BigInteger gas, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        function.FromAddress = Address;
        function.Gas = gas;
        function.GasPrice = GasPrice.Value;
        function.AmountToSend = BigInteger.Zero;
        string txHash;
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            txHash = await _web3.Eth.GetContractTransactionHandler<TFunction>().SendRequestAsync(contract, function);
        }
        finally
        {
            _sendLock.Release();
        }

        var deadline = DateTime.UtcNow + ReceiptTimeout;
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            var receipt = await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash);
            if (receipt is not null)
            {
                return receipt;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No receipt for {txHash} on {Chain.Name} after {ReceiptTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
