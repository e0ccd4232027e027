using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.NonceServices;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace BridgeStream.Devnet;

/// <summary>
/// One dev account on one chain. Sends are serialised so the locally tracked nonce stays right; gas and gas price
/// are set explicitly so Nethereum makes no estimate / fee-history calls (one RPC per send, one per receipt poll).
/// </summary>
internal sealed class DevnetWallet
{
    // Legacy gas price well above anvil's 1 gwei start base fee; blocks stay <= half full, so the base fee never climbs to it.
    private static readonly HexBigInteger GasPrice = new(new BigInteger(10_000_000_000));
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(120);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Account _account;
    private readonly ILogger _logger;

    public DevnetWallet(DevnetChain chain, int accountIndex, ILogger logger)
        : this(chain, DevnetAccounts.Get(accountIndex, chain.ChainId), logger)
    {
    }

    public DevnetWallet(DevnetChain chain, Account account, ILogger logger)
    {
        Chain = chain;
        _logger = logger;
        _account = account;
        Web3 = new Web3(_account, chain.RpcUrl);
        Web3.TransactionManager.UseLegacyAsDefault = true;
        _account.NonceService = new InMemoryNonceService(_account.Address, Web3.Client);
    }

    public DevnetChain Chain { get; }

    public string Address => _account.Address;

    public Web3 Web3 { get; }

    public async Task<TransactionReceipt> SendAsync<TFunction>(string contract, TFunction function, BigInteger gas, BigInteger value, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await SendAllowingRevertAsync(contract, function, gas, value, cancellationToken);
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new InvalidOperationException($"{typeof(TFunction).Name} to {contract} on {Chain.Name} reverted (tx {receipt.TransactionHash}).");
        }

        return receipt;
    }

    /// <summary>Sends and returns the receipt whatever its status (a transaction whose revert is the point, e.g. a failing retry).</summary>
    public Task<TransactionReceipt> SendAllowingRevertAsync<TFunction>(string contract, TFunction function, BigInteger gas, BigInteger value, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        function.Gas = gas;
        function.GasPrice = GasPrice.Value;
        function.AmountToSend = value;
        var handler = Web3.Eth.GetContractTransactionHandler<TFunction>();
        return SendSerialisedAsync(() => handler.SendRequestAsync(contract, function), cancellationToken);
    }

    /// <summary>Forgets the locally tracked nonce (after a reorg or revert dropped this account's transactions).</summary>
    public async Task ResetNonceAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            await _account.NonceService.ResetNonceAsync();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task<TransactionReceipt> DeployAsync(ContractArtifact artifact, BigInteger gas, CancellationToken cancellationToken, params object[] constructorArguments)
    {
        var receipt = await SendSerialisedAsync(
            () => Web3.Eth.DeployContract.SendRequestAsync(artifact.Abi, artifact.Bytecode, Address, new HexBigInteger(gas), GasPrice, new HexBigInteger(0), constructorArguments),
            cancellationToken);
        if (receipt.Status?.Value != BigInteger.One || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new InvalidOperationException($"Deploying {artifact.Name} on {Chain.Name} failed (tx {receipt.TransactionHash}).");
        }

        return receipt;
    }

    private async Task<TransactionReceipt> SendSerialisedAsync(Func<Task<string>> send, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        string txHash;
        try
        {
            txHash = await send();
        }
        catch (Exception ex)
        {
            // The nonce was taken from the in-memory counter but no transaction landed: re-read it from the node.
            _logger.LogWarning(ex, "Send from {Address} on {Chain} failed; resetting its nonce", Address, Chain.Name);
            await _account.NonceService.ResetNonceAsync();
            throw;
        }
        finally
        {
            _sendLock.Release();
        }

        return await WaitForReceiptAsync(txHash, cancellationToken);
    }

    private async Task<TransactionReceipt> WaitForReceiptAsync(string txHash, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReceiptTimeout;
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            var receipt = await Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash);
            if (receipt is not null)
            {
                return receipt;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No receipt for {txHash} on {Chain.Name} after {ReceiptTimeout.TotalSeconds:0} s.");
            }

            // Automine answers at once; with interval mining the wait is up to a block time.
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
