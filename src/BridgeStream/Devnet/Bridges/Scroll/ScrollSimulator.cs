using System.Collections.Concurrent;
using System.Numerics;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Scroll;
using BridgeStream.Devnet.Bridges.Anvil;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Bridges.Scroll;

/// <summary>
/// Drives Scroll messages on the devnet step by step (tests call the steps; <see cref="ArbitrumScrollTraffic"/> chains them):
/// deposits (L1 sendMessage, then the L2 relay that Scroll's sequencer would include as an L1 message transaction from
/// the aliased L1 messenger, sent here by impersonating that alias), replays of failed deposits (L1 replayMessage, then
/// the relay again) and withdrawals (L2 sendMessage, then L1 relayMessageWithProof, whose proof the devnet does not check).
/// </summary>
internal sealed class ScrollSimulator
{
    private static readonly BigInteger RelayerBalance = BigInteger.Pow(10, 22);

    private readonly DevnetDeployment _deployment;
    private readonly AccountWallets _wallets;
    private readonly ConcurrentDictionary<long, Lazy<Task<ImpersonatedSender>>> _l1MessengerAliases = new();

    public ScrollSimulator(AccountWallets wallets)
    {
        _deployment = wallets.Deployment;
        _wallets = wallets;
    }

    /// <summary>The Scroll rollups of the devnet.</summary>
    public IReadOnlyList<long> Rollups =>
        [.. _deployment.ContractsOfKind(ScrollModule.L1Kind).Where(c => c.ChainId == _deployment.L1ChainId).Select(c => c.CounterpartyChainId)];

    public string Operator => _wallets.Address;

    public Task<ScrollMessage> SendDepositAsync(long l2ChainId, string to, BigInteger value, byte[] message, BigInteger gasLimit, CancellationToken ct) =>
        SendAsync(_deployment.L1ChainId, L1Messenger(l2ChainId).Address, l2ChainId, to, value, message, gasLimit, ct);

    public Task<ScrollMessage> SendWithdrawalAsync(long l2ChainId, string to, BigInteger value, byte[] message, BigInteger gasLimit, CancellationToken ct) =>
        SendAsync(l2ChainId, L2Messenger(l2ChainId).Address, _deployment.L1ChainId, to, value, message, gasLimit, ct);

    /// <summary>Relays a deposit on its L2 from the aliased L1 messenger; the outcome is the messenger's event.</summary>
    public async Task<ScrollRelay> RelayDepositAsync(ScrollMessage deposit, CancellationToken ct)
    {
        var relayer = await AliasOfL1MessengerAsync(deposit.DestinationChainId);
        var receipt = await relayer.SendAsync(L2Messenger(deposit.DestinationChainId).Address, RelayCall(deposit), RelayGas(deposit), ct);
        return ReadRelay(deposit, receipt, L2Messenger(deposit.DestinationChainId).Address);
    }

    /// <summary>Replays a failed deposit: L1 replayMessage (Scroll re-enqueues it), then the relay again on L2.</summary>
    public async Task<ScrollRelay> ReplayDepositAsync(ScrollMessage deposit, CancellationToken ct)
    {
        var replay = new ReplayMessageFunction
        {
            From = deposit.Sender,
            To = deposit.Target,
            MessageValue = deposit.Value,
            MessageNonce = deposit.MessageNonce,
            Message = deposit.Message,
            NewGasLimit = (uint)deposit.GasLimit,
            RefundAddress = Operator,
        };
        await _wallets.On(_deployment.L1ChainId).SendAsync(L1Messenger(deposit.DestinationChainId).Address, replay, 150_000 + (64 * deposit.Message.Length), BigInteger.Zero, ct);
        return await RelayDepositAsync(deposit, ct);
    }

    /// <summary>Relays a withdrawal on the L1 (anyone may; the proof is not checked on the devnet).</summary>
    public async Task<ScrollRelay> RelayWithdrawalAsync(ScrollMessage withdrawal, CancellationToken ct)
    {
        var messenger = L1Messenger(withdrawal.SourceChainId).Address;
        var call = new RelayMessageWithProofFunction
        {
            From = withdrawal.Sender,
            To = withdrawal.Target,
            MessageValue = withdrawal.Value,
            MessageNonce = withdrawal.MessageNonce,
            Message = withdrawal.Message,
            Proof = new L2MessageProof(),
        };
        var receipt = await _wallets.On(_deployment.L1ChainId).SendAllowingRevertAsync(messenger, call, RelayGas(withdrawal), BigInteger.Zero, ct);
        return ReadRelay(withdrawal, receipt, messenger);
    }

    private async Task<ScrollMessage> SendAsync(long chainId, string messenger, long destinationChainId, string to, BigInteger value, byte[] message, BigInteger gasLimit, CancellationToken ct)
    {
        var call = new ScrollSendMessageFunction { To = to, MessageValue = value, Message = message, MessageGasLimit = gasLimit };
        var receipt = await _wallets.On(chainId).SendAsync(messenger, call, 200_000 + (64 * message.Length), value, ct);
        var sent = receipt.DecodeAllEvents<ScrollSentMessageEvent>().Single(e => Address.Parse(e.Log.Address) == Address.Parse(messenger)).Event;
        var hash = ScrollMessageHash.Compute(
            Address.Parse(sent.Sender), Address.Parse(sent.Target), Hash32.FromBigInteger(sent.MessageValue), Hash32.FromBigInteger(sent.MessageNonce), sent.Message);
        return new ScrollMessage(
            chainId, destinationChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, sent.Sender, sent.Target, sent.MessageValue,
            sent.MessageNonce, sent.MessageGasLimit, sent.Message, hash);
    }

    private static ScrollRelay ReadRelay(ScrollMessage message, TransactionReceipt receipt, string messenger)
    {
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new InvalidOperationException($"The relay of Scroll message {message.Hash} reverted (tx {receipt.TransactionHash}).");
        }

        var emitter = Address.Parse(messenger);
        var relayed = receipt.DecodeAllEvents<RelayedMessageEvent>().Where(e => Address.Parse(e.Log.Address) == emitter).Select(e => (true, e.Event.MsgHash));
        var failed = receipt.DecodeAllEvents<FailedRelayedMessageEvent>().Where(e => Address.Parse(e.Log.Address) == emitter).Select(e => (false, e.Event.MsgHash));
        var (succeeded, hash) = relayed.Concat(failed).Single();
        if (new Hash32(hash) != message.Hash)
        {
            throw new InvalidOperationException($"The messenger relayed {Hex.Encode(hash)}, but the message hash is {message.Hash} (tx {receipt.TransactionHash}).");
        }

        return new ScrollRelay(message.DestinationChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, succeeded, message.Hash);
    }

    private static ScrollRelayMessageFunction RelayCall(ScrollMessage message) => new()
    {
        From = message.Sender,
        To = message.Target,
        MessageValue = message.Value,
        MessageNonce = message.MessageNonce,
        Message = message.Message,
    };

    private static BigInteger RelayGas(ScrollMessage message) => 200_000 + message.GasLimit + (64 * message.Message.Length);

    private Task<ImpersonatedSender> AliasOfL1MessengerAsync(long l2ChainId) =>
        _l1MessengerAliases.GetOrAdd(l2ChainId, id => new Lazy<Task<ImpersonatedSender>>(() =>
            ImpersonatedSender.StartAsync(_deployment.Chain(id), AddressAlias.ApplyL1ToL2(Address.Parse(L1Messenger(id).Address)).ToString(), RelayerBalance))).Value;

    private DevnetContract L1Messenger(long l2ChainId) =>
        _deployment.ContractsOfKind(ScrollModule.L1Kind).FirstOrDefault(c => c.ChainId == _deployment.L1ChainId && c.CounterpartyChainId == l2ChainId)
        ?? throw new ArgumentException($"No L1ScrollMessenger for chain {l2ChainId} in this devnet.", nameof(l2ChainId));

    private DevnetContract L2Messenger(long l2ChainId) =>
        _deployment.ContractsOfKind(ScrollModule.L2Kind).FirstOrDefault(c => c.ChainId == l2ChainId)
        ?? throw new ArgumentException($"No L2ScrollMessenger on chain {l2ChainId} in this devnet.", nameof(l2ChainId));
}
