using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet;

/// <summary>
/// Sends deposits L1 -> L2 through the devnet messengers (and so through the portals) and has the devnet op-node include
/// their deposit transactions on the L2s; sends portal-only deposits and L2 -> L1 withdrawals and proves and finalizes
/// them (TrafficSimulator.OpStack.cs). The deterministic methods (send / relay / replay / batches / prove / finalize)
/// serve tests and benchmarks; <see cref="RunAsync"/> runs continuous traffic.
/// </summary>
public sealed partial class TrafficSimulator
{
    private const int BatchTargetGas = 30_000;

    private readonly DevnetDeployment _deployment;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(int Account, long ChainId), DevnetWallet> _wallets = new();
    private readonly DepositFactory _factory;
    private readonly DevnetOpNode _opNode;

    public TrafficSimulator(DevnetDeployment deployment, ILogger logger, int seed = 1)
    {
        _deployment = deployment;
        _logger = logger;
        _factory = new DepositFactory(seed);
        _opNode = new DevnetOpNode(deployment);
    }

    /// <summary>Re-reads every account's nonce from the nodes: a reorg or revert may have dropped sent transactions.</summary>
    public async Task ResetNoncesAsync()
    {
        foreach (var wallet in _wallets.Values)
        {
            await wallet.ResetNonceAsync();
        }
    }

    /// <summary>Sends <paramref name="count"/> varied deposits to one L2, one transaction each, and reads them back from the receipts.</summary>
    public Task<IReadOnlyList<SentDeposit>> SendDepositsAsync(long l2ChainId, int count, CancellationToken cancellationToken = default) =>
        SendDepositsAsync(l2ChainId, count, DevnetAccounts.DepositSenders[0], cancellationToken);

    /// <summary>
    /// Relays a deposit on its L2 the way the real chain does: the devnet op-node includes the deposit transaction derived
    /// from the L1 portal's TransactionDeposited, from the aliased L1 messenger to the L2 messenger's relayMessage. With
    /// <paramref name="makeFail"/> its target reverts first (FailedRelayedMessage; the deposit transaction itself succeeds).
    /// </summary>
    public async Task<RelayResult> RelayAsync(SentDeposit sent, bool makeFail, CancellationToken cancellationToken = default)
    {
        if (makeFail && sent.TargetTag is null)
        {
            throw new ArgumentException("Only deposits to a MessageTarget can be made to fail; this one goes to a plain address.", nameof(makeFail));
        }

        var deposit = sent.Deposit
            ?? throw new ArgumentException("This deposit did not go through the portal (a benchmark batch): relay it with RelayBatchAsync.", nameof(sent));
        if (makeFail)
        {
            await SetBlockedAsync(Wallet(DevnetAccounts.Relayer, sent.L2ChainId), sent, blocked: true, cancellationToken);
        }

        var receipt = await _opNode.IncludeAsync(deposit, cancellationToken);
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new InvalidOperationException($"Deposit transaction {deposit.L2TxHash} reverted on chain {sent.L2ChainId}: the L2 messenger refused the relay.");
        }

        return ReadRelayResult(sent.L2ChainId, receipt);
    }

    /// <summary>Replays a failed deposit from an ordinary account (no value), after unblocking its target.</summary>
    public async Task<RelayResult> ReplayAsync(SentDeposit sent, CancellationToken cancellationToken = default)
    {
        if (sent.TargetTag is not null)
        {
            await SetBlockedAsync(Wallet(DevnetAccounts.Relayer, sent.L2ChainId), sent, blocked: false, cancellationToken);
        }

        var replayer = Wallet(DevnetAccounts.Replayer, sent.L2ChainId);
        var receipt = await replayer.SendAsync(_deployment.L2MessengerOn(sent.L2ChainId).Address, RelayCall(sent), RelayGas(sent), BigInteger.Zero, cancellationToken);
        return ReadRelayResult(sent.L2ChainId, receipt);
    }

    /// <summary>One sendMessageBatch transaction: <paramref name="count"/> identical messages (2 logs each).</summary>
    public async Task<DepositBatch> SendDepositBatchAsync(long l2ChainId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var targets = _deployment.TargetsOn(l2ChainId);
        var target = (targets.Count > 0 ? targets[0] : null)
            ?? throw new ArgumentException($"No MessageTarget deployed on chain {l2ChainId}.", nameof(l2ChainId));
        var request = _factory.ToContract(target, BigInteger.Zero, BatchTargetGas);
        var valueEach = new BigInteger(1_000_000_000);
        var call = new SendMessageBatchFunction { Target = request.Target, Message = request.Message, MinGasLimit = request.MinGasLimit, Count = count };
        var wallet = Wallet(DevnetAccounts.BatchSender, _deployment.L1ChainId);
        var gas = 100_000 + (count * (12_000 + (16 * request.Message.Length)));
        var receipt = await wallet.SendAsync(_deployment.L1MessengerFor(l2ChainId).Address, call, gas, valueEach * count, cancellationToken);
        var first = receipt.DecodeAllEvents<SentMessageEvent>().FirstOrDefault()
            ?? throw new InvalidOperationException($"sendMessageBatch {receipt.TransactionHash} emitted no SentMessage.");
        return new DepositBatch(l2ChainId, receipt.TransactionHash, first.Event.MessageNonce, count, wallet.Address, request.Target, valueEach,
            request.MinGasLimit, request.Message, receipt.Logs?.Length ?? 0);
    }

    /// <summary>Relays a whole batch on its L2 with one relayMessageBatch transaction (1 log per message).</summary>
    public async Task<RelayBatchResult> RelayBatchAsync(DepositBatch batch, CancellationToken cancellationToken = default)
    {
        var call = new RelayMessageBatchFunction
        {
            FirstNonce = batch.FirstNonce,
            Count = batch.Count,
            Sender = batch.Sender,
            Target = batch.Target,
            MessageValue = batch.ValueEach,
            MinGasLimit = batch.MinGasLimit,
            Message = batch.Message,
        };
        var gas = 100_000 + (batch.Count * (60_000 + (16 * batch.Message.Length)));
        var relayer = Wallet(DevnetAccounts.Relayer, batch.L2ChainId);
        var receipt = await relayer.SendAsync(_deployment.L2MessengerOn(batch.L2ChainId).Address, call, gas, batch.ValueEach * batch.Count, cancellationToken);
        var relayed = receipt.DecodeAllEvents<RelayedMessageEvent>().Count;
        var failed = receipt.DecodeAllEvents<FailedRelayedMessageEvent>().Count;
        return new RelayBatchResult(batch.L2ChainId, receipt.TransactionHash, relayed, failed, receipt.Logs?.Length ?? 0);
    }

    /// <summary>Preloads <paramref name="pairsPerL2"/> deposit + relay pairs on every L2 with the batch functions.</summary>
    public async Task<PreloadResult> PreloadAsync(int pairsPerL2, int l1BatchSize = 1_000, int l2BatchSize = 250, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerL2, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(l1BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(l2BatchSize, 1);
        var started = DateTime.UtcNow;
        long l1Logs = 0, l2Logs = 0;
        foreach (var l2 in _deployment.OpStackChainIds)
        {
            // Relay batches must be no larger than the L1 batches they consume, so send L1 batches of the L2 batch size
            // grouped: each L1 batch is relayed in ceil(l1BatchSize / l2BatchSize) consecutive-nonce slices.
            for (var done = 0; done < pairsPerL2;)
            {
                var batch = await SendDepositBatchAsync(l2, Math.Min(l1BatchSize, pairsPerL2 - done), cancellationToken);
                l1Logs += batch.LogCount;
                foreach (var slice in Slice(batch, l2BatchSize))
                {
                    l2Logs += (await RelayBatchAsync(slice, cancellationToken)).LogCount;
                }

                done += batch.Count;
            }
        }

        var elapsed = DateTime.UtcNow - started;
        _logger.LogInformation("Preloaded {Pairs} pairs per L2: {L1Logs} L1 logs, {L2Logs} L2 logs in {Elapsed}", pairsPerL2, l1Logs, l2Logs, elapsed);
        return new PreloadResult(pairsPerL2 * _deployment.OpStackChainIds.Count(), l1Logs, l2Logs, elapsed);
    }

    private static IEnumerable<DepositBatch> Slice(DepositBatch batch, int size)
    {
        for (var offset = 0; offset < batch.Count; offset += size)
        {
            yield return batch with { FirstNonce = batch.FirstNonce + offset, Count = Math.Min(size, batch.Count - offset) };
        }
    }

    private async Task<IReadOnlyList<SentDeposit>> SendDepositsAsync(long l2ChainId, int count, int senderAccount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        var sent = new List<SentDeposit>(count);
        for (var i = 0; i < count; i++)
        {
            sent.Add(await SendDepositAsync(l2ChainId, _factory.Next(_deployment.TargetsOn(l2ChainId)), senderAccount, cancellationToken));
        }

        return sent;
    }

    private async Task<SentDeposit> SendDepositAsync(long l2ChainId, DepositRequest request, int senderAccount, CancellationToken cancellationToken)
    {
        var messenger = _deployment.L1MessengerFor(l2ChainId);
        var wallet = Wallet(senderAccount, _deployment.L1ChainId);
        var call = new SendMessageFunction { Target = request.Target, Message = request.Message, MinGasLimit = request.MinGasLimit };
        var receipt = await wallet.SendAsync(messenger.Address, call, 200_000 + (160 * request.Message.Length), request.Value, cancellationToken);
        return ReadDeposit(l2ChainId, receipt, request.TargetTag);
    }

    private SentDeposit ReadDeposit(long l2ChainId, TransactionReceipt receipt, BigInteger? tag)
    {
        var sent = receipt.DecodeAllEvents<SentMessageEvent>().Single().Event;
        var extension = receipt.DecodeAllEvents<SentMessageExtension1Event>().Single().Event;
        var hash = DevnetMessageHash.ComputeV1Hex(sent.MessageNonce, sent.Sender, sent.Target, extension.Value, sent.GasLimit, sent.Message);
        var deposit = _opNode.Derive(l2ChainId, receipt).Single();
        if (deposit.CarriedMessageHash != hash)
        {
            throw new InvalidOperationException($"The portal deposit of {receipt.TransactionHash} carries message {deposit.CarriedMessageHash}, not {hash}.");
        }

        return new SentDeposit(l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, sent.MessageNonce, sent.Sender, sent.Target,
            extension.Value, sent.GasLimit, sent.Message, tag, hash, deposit);
    }

    private static RelayResult ReadRelayResult(long l2ChainId, TransactionReceipt receipt)
    {
        var relayed = receipt.DecodeAllEvents<RelayedMessageEvent>().Select(e => (RelayOutcome.Relayed, e.Event.MsgHash));
        var failed = receipt.DecodeAllEvents<FailedRelayedMessageEvent>().Select(e => (RelayOutcome.Failed, e.Event.MsgHash));
        var (outcome, hash) = relayed.Concat(failed).Single();
        return new RelayResult(l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, outcome, hash.ToHex(prefix: true));
    }

    private static RelayMessageFunction RelayCall(SentDeposit sent) => new()
    {
        MessageNonce = sent.MessageNonce,
        Sender = sent.Sender,
        Target = sent.Target,
        MessageValue = sent.Value,
        MinGasLimit = sent.MinGasLimit,
        Message = sent.Message,
    };

    // The messenger forwards all but RELAY_RESERVED_GAS to the target; give it the minimum plus room for hashing and storage.
    private static BigInteger RelayGas(SentDeposit sent) => (sent.MinGasLimit * 64 / 63) + 200_000 + (16 * sent.Message.Length);

    private Task SetBlockedAsync(DevnetWallet relayer, SentDeposit sent, bool blocked, CancellationToken cancellationToken) =>
        relayer.SendAsync(sent.Target, new SetBlockedFunction { Tag = sent.TargetTag!.Value, Blocked = blocked }, 100_000, BigInteger.Zero, cancellationToken);

    private DevnetWallet Wallet(int account, long chainId) =>
        _wallets.GetOrAdd((account, chainId), key => new DevnetWallet(_deployment.Chain(key.ChainId), key.Account, _logger));
}
