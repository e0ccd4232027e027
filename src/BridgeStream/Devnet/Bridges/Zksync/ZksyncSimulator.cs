using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Zksync;
using BridgeStream.Devnet.Bridges.Anvil;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Bridges.Zksync;

/// <summary>
/// Drives zkSync messages on the devnet step by step (tests call the steps; <see cref="ZkRollupTraffic"/> chains them):
/// deposits (L1 requestL2Transaction, then the operator running the transaction through the devnet bootloader on L2, which
/// logs its status) and base token withdrawals (L2BaseToken.withdraw on L2, then finalizeDeposit on L1 with an unchecked
/// proof). Every step is sent from <see cref="DevnetAccounts.ZkRollups"/>, which plays the user and the operator. The
/// keys are the ones the contracts emitted (the event's canonicalTxHash, the status log's key, the message hash); nothing
/// here computes them.
/// </summary>
internal sealed class ZksyncSimulator
{
    /// <summary>REQUIRED_L2_GAS_PRICE_PER_PUBDATA of the Mailbox.</summary>
    public static readonly BigInteger GasPerPubdata = 800;

    private readonly DevnetDeployment _deployment;
    private readonly AccountWallets _wallets;

    public ZksyncSimulator(AccountWallets wallets)
    {
        _deployment = wallets.Deployment;
        _wallets = wallets;
    }

    /// <summary>The zkSync rollups of the devnet.</summary>
    public IReadOnlyList<long> Rollups =>
        [.. _deployment.ContractsOfKind(ZksyncContracts.DiamondKind).Where(c => c.ChainId == _deployment.L1ChainId).Select(c => c.CounterpartyChainId)];

    public string Operator => _wallets.Address;

    /// <summary>Requests an L2 transaction to <paramref name="to"/> carrying <paramref name="l2Value"/> (msg.value = the value minted on L2).</summary>
    public async Task<ZksyncDeposit> SendDepositAsync(long l2ChainId, string to, BigInteger l2Value, byte[] calldata, BigInteger l2GasLimit, CancellationToken ct)
    {
        var mailbox = Mailbox(l2ChainId).Address;
        var call = new RequestL2TransactionFunction
        {
            ContractL2 = to, L2Value = l2Value, Calldata = calldata, L2GasLimit = l2GasLimit, L2GasPerPubdataByteLimit = GasPerPubdata, RefundRecipient = Operator,
        };
        var receipt = await _wallets.On(_deployment.L1ChainId).SendAsync(mailbox, call, 300_000 + (128 * calldata.Length), l2Value, ct);
        var log = SingleLog(receipt, _deployment.L1ChainId, mailbox, ZksyncSignatures.NewPriorityRequest);
        var data = log.Data.Span;
        var txId = new Hash32(data[..32]);
        var txHash = new Hash32(data.Slice(32, 32));
        var tupleStart = Word(data, 3);
        var depsStart = Word(data, 4);

        // abi.encode(transaction) of one dynamic tuple: its offset (0x20), then the tuple, whose tails end where the event's
        // next argument (factoryDeps) begins.
        var encoded = new byte[32 + (depsStart - tupleStart)];
        encoded[31] = 0x20;
        data[tupleStart..depsStart].CopyTo(encoded.AsSpan(32));
        return new ZksyncDeposit(l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, txId.ToBigInteger(), to, l2Value, encoded, txHash);
    }

    /// <summary>The operator runs the priority transaction on L2 (once); the outcome is the bootloader's status log.</summary>
    public async Task<ZksyncExecution> ExecuteAsync(ZksyncDeposit deposit, BigInteger l2GasLimit, CancellationToken ct)
    {
        var call = new ExecutePriorityTransactionFunction { EncodedTransaction = deposit.EncodedTransaction };
        var receipt = await _wallets.On(deposit.L2ChainId).SendAsync(ZksyncSystemContracts.Bootloader, call, 200_000 + l2GasLimit + (64 * deposit.EncodedTransaction.Length), BigInteger.Zero, ct);
        var log = SingleLog(receipt, deposit.L2ChainId, ZksyncSystemContracts.L1Messenger, ZksyncSignatures.L2ToL1LogSent, l => new Address(l.Data.Span.Slice((3 * 32) + 12, 20)) == ZksyncContracts.Bootloader);
        var key = new Hash32(log.Data.Span.Slice(4 * 32, 32));
        var status = new Hash32(log.Data.Span.Slice(5 * 32, 32));
        return new ZksyncExecution(deposit.L2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, key, status == Hash32.FromUInt64(1));
    }

    /// <summary>Withdraws <paramref name="amount"/> of ETH to <paramref name="receiver"/> on L1 through L2BaseToken.</summary>
    public async Task<ZksyncWithdrawal> SendWithdrawalAsync(long l2ChainId, string receiver, BigInteger amount, CancellationToken ct)
    {
        var call = new BaseTokenWithdrawFunction { L1Receiver = receiver };
        var receipt = await _wallets.On(l2ChainId).SendAsync(ZksyncSystemContracts.BaseToken, call, 150_000, amount, ct);
        var log = SingleLog(receipt, l2ChainId, ZksyncSystemContracts.L1Messenger, ZksyncSignatures.L1MessageSent);
        var length = Word(log.Data.Span, 1);
        var message = log.Data.Span.Slice(64, length).ToArray();
        return new ZksyncWithdrawal(l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, log.LogIndex, receiver, amount, message, log.Topics[2]);
    }

    /// <summary>Finalizes a withdrawal on L1 (its L2 block and log index stand for the batch number and message index).</summary>
    public async Task<ZksyncFinalization> FinalizeAsync(ZksyncWithdrawal withdrawal, CancellationToken ct)
    {
        var vault = Vault().Address;
        var call = new FinalizeDepositFunction
        {
            Params = new FinalizeL1DepositParams
            {
                ChainId = withdrawal.L2ChainId, L2BatchNumber = withdrawal.BlockNumber, L2MessageIndex = withdrawal.LogIndex,
                L2Sender = ZksyncSystemContracts.BaseToken, Message = withdrawal.Message,
            },
        };
        var receipt = await _wallets.On(_deployment.L1ChainId).SendAsync(vault, call, 200_000, BigInteger.Zero, ct);
        var log = SingleLog(receipt, _deployment.L1ChainId, vault, ZksyncSignatures.BridgeMint);
        return new ZksyncFinalization(
            _deployment.L1ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)log.Topics[1].LowUInt64, log.Topics[2],
            new Address(log.Data.Span.Slice(12, 20)).ToString(), new Hash32(log.Data.Span.Slice(32, 32)).ToBigInteger());
    }

    private static int Word(ReadOnlySpan<byte> data, int index) => (int)new Hash32(data.Slice(index * 32, 32)).LowUInt64;

    private static RawLog SingleLog(TransactionReceipt receipt, long chainId, string emitter, Hash32 topic0, Func<RawLog, bool>? where = null)
    {
        var address = Address.Parse(emitter);
        var logs = (receipt.Logs ?? []).Select(l => DevnetOpNode.ToRawLog((ulong)chainId, l))
            .Where(l => l.Address == address && l.Topics.Length > 0 && l.Topic0 == topic0 && (where is null || where(l))).ToList();
        return logs.Count == 1
            ? logs[0]
            : throw new InvalidOperationException($"Transaction {receipt.TransactionHash} on chain {chainId} emitted {logs.Count} {topic0} logs from {emitter}, expected one.");
    }

    private DevnetContract Mailbox(long l2ChainId) =>
        _deployment.ContractsOfKind(ZksyncContracts.DiamondKind).FirstOrDefault(c => c.ChainId == _deployment.L1ChainId && c.CounterpartyChainId == l2ChainId)
        ?? throw new ArgumentException($"No zkSync diamond for chain {l2ChainId} in this devnet.", nameof(l2ChainId));

    private DevnetContract Vault() =>
        _deployment.ContractsOfKind(ZksyncContracts.L1NativeTokenVaultKind).FirstOrDefault(c => c.ChainId == _deployment.L1ChainId)
        ?? throw new InvalidOperationException("No zkSync L1NativeTokenVault in this devnet.");
}

/// <summary>Where the devnet puts the zkSync L2 system contract stand-ins (their Era addresses).</summary>
internal static class ZksyncSystemContracts
{
    public static readonly string Bootloader = ZksyncContracts.Bootloader.ToString();
    public static readonly string L1Messenger = ZksyncContracts.L1Messenger.ToString();
    public static readonly string BaseToken = ZksyncContracts.L2BaseToken.ToString();
}
