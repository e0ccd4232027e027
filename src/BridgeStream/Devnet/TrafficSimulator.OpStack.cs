using System.Numerics;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStackWithdrawal;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet;

/// <summary>An L2 -> L1 CrossDomainMessenger message: its withdrawal (what the portal proves and finalizes) and its relay call.</summary>
public sealed record SentL2ToL1Message(SentWithdrawal Withdrawal, BigInteger MessageNonce, string Sender, string Target, BigInteger Value,
    BigInteger MinGasLimit, byte[] Message, BigInteger? TargetTag, string MessageHash);

public sealed partial class TrafficSimulator
{
    /// <summary>
    /// A deposit straight through the OptimismPortal (no messenger): depositTransaction(to, value, gasLimit, false, data)
    /// with <paramref name="mint"/> (default: the value) as msg.value. Returns the deposit transaction op-node derives from it.
    /// anvil, unlike op-geth, refuses a deposit whose value exceeds the sender's L2 balance plus the mint, so keep value &lt;= mint.
    /// The default sender is <see cref="DevnetAccounts.BatchSender"/>: a deposit moves its sender's nonce on L2, so it comes
    /// from an account that never signs on the L2s (an account that did would find its locally tracked L2 nonce stale).
    /// </summary>
    public async Task<DerivedDeposit> SendPortalDepositAsync(
        long l2ChainId, string to, BigInteger value, ulong gasLimit, byte[] data, BigInteger? mint = null, int? account = null, CancellationToken ct = default)
    {
        var wallet = Wallet(account ?? DevnetAccounts.BatchSender, _deployment.L1ChainId);
        var call = new DepositTransactionFunction { To = to, DepositValue = value, GasLimit = gasLimit, IsCreation = false, Data = data };
        var receipt = await wallet.SendAsync(_deployment.PortalFor(l2ChainId).Address, call, 120_000 + (100 * data.Length), mint ?? value, ct);
        return _opNode.Derive(l2ChainId, receipt).Single();
    }

    /// <summary>The devnet op-node includes the deposit on its L2; its receipt status says whether it executed successfully.</summary>
    public async Task<DepositExecution> IncludeDepositAsync(DerivedDeposit deposit, CancellationToken ct = default) =>
        DevnetOpNode.Execution(deposit, await _opNode.IncludeAsync(deposit, ct));

    /// <summary>L2ToL1MessagePasser.initiateWithdrawal on the L2: a plain withdrawal to an L1 account.</summary>
    public async Task<SentWithdrawal> InitiateWithdrawalAsync(
        long l2ChainId, string target, BigInteger value, BigInteger gasLimit, byte[] data, int? account = null, CancellationToken ct = default)
    {
        var wallet = Wallet(account ?? DevnetAccounts.DepositSenders[0], l2ChainId);
        var call = new InitiateWithdrawalFunction { Target = target, GasLimit = gasLimit, Data = data };
        var receipt = await wallet.SendAsync(_deployment.MessagePasserOn(l2ChainId).Address, call, 150_000 + (64 * data.Length), value, ct);
        return ReadWithdrawal(l2ChainId, receipt);
    }

    /// <summary>L2CrossDomainMessenger.sendMessage on the L2: an L2 -> L1 message, carried by a withdrawal to the L1 messenger.</summary>
    public async Task<SentL2ToL1Message> SendMessageToL1Async(
        long l2ChainId, string target, byte[] message, uint minGasLimit, BigInteger value, BigInteger? targetTag = null, int? account = null,
        CancellationToken ct = default)
    {
        var wallet = Wallet(account ?? DevnetAccounts.DepositSenders[0], l2ChainId);
        var call = new SendMessageFunction { Target = target, Message = message, MinGasLimit = minGasLimit };
        var receipt = await wallet.SendAsync(_deployment.L2MessengerOn(l2ChainId).Address, call, 250_000 + (160 * message.Length), value, ct);
        var withdrawal = ReadWithdrawal(l2ChainId, receipt);
        var sent = receipt.DecodeAllEvents<SentMessageEvent>().Single().Event;
        var extension = receipt.DecodeAllEvents<SentMessageExtension1Event>().Single().Event;
        var hash = DevnetMessageHash.ComputeV1Hex(sent.MessageNonce, sent.Sender, sent.Target, extension.Value, sent.GasLimit, sent.Message);
        if (withdrawal.CarriedMessageHash != hash)
        {
            throw new InvalidOperationException($"The withdrawal of {receipt.TransactionHash} carries message {withdrawal.CarriedMessageHash}, not {hash}.");
        }

        return new SentL2ToL1Message(withdrawal, sent.MessageNonce, sent.Sender, sent.Target, extension.Value, sent.GasLimit, sent.Message, targetTag, hash);
    }

    /// <summary>A call to an L1 MessageTarget (the receiver of the devnet's withdrawals and L2 -> L1 messages) with a fresh tag.</summary>
    public (string Target, byte[] Call, BigInteger Tag) L1TargetCall(long l2ChainId)
    {
        var target = _deployment.TargetsOn(_deployment.L1ChainId)[_deployment.OpStackChainIds.ToList().IndexOf(l2ChainId)];
        var request = _factory.ToContract(target, BigInteger.Zero, 50_000);
        return (target.Address, request.Message, request.TargetTag!.Value);
    }

    /// <summary>Makes calls with this tag to the L1 MessageTarget revert (or succeed again).</summary>
    public Task SetL1TargetBlockedAsync(string target, BigInteger tag, bool blocked, CancellationToken ct = default) =>
        Wallet(DevnetAccounts.Relayer, _deployment.L1ChainId)
            .SendAsync(target, new SetBlockedFunction { Tag = tag, Blocked = blocked }, 100_000, BigInteger.Zero, ct);

    /// <summary>
    /// Proves the withdrawal on the L1 portal, from the relayer account (the devnet's proof submitter). No proof is checked:
    /// the stand-in portal has no dispute games or output roots. The proof maturity delay starts at this block's time.
    /// </summary>
    public async Task<WithdrawalProof> ProveWithdrawalAsync(SentWithdrawal withdrawal, CancellationToken ct = default)
    {
        var wallet = Wallet(DevnetAccounts.Relayer, _deployment.L1ChainId);
        var call = new ProveWithdrawalFunction { Withdrawal = Tuple(withdrawal) };
        var receipt = await wallet.SendAsync(_deployment.PortalFor(withdrawal.L2ChainId).Address, call, 250_000 + (64 * withdrawal.Data.Length), BigInteger.Zero, ct);
        var block = await wallet.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(receipt.BlockNumber));
        return new WithdrawalProof(withdrawal.WithdrawalHash, receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)block.Timestamp.Value);
    }

    /// <summary>
    /// Finalizes a proven withdrawal. The portal reverts (InvalidOperationException here) while the proof has not matured;
    /// a target call that fails still finalizes the withdrawal, with WithdrawalFinalized(success = false).
    /// </summary>
    public async Task<WithdrawalFinalization> FinalizeWithdrawalAsync(SentWithdrawal withdrawal, CancellationToken ct = default)
    {
        var wallet = Wallet(DevnetAccounts.Relayer, _deployment.L1ChainId);
        var call = new FinalizeWithdrawalFunction { Withdrawal = Tuple(withdrawal) };
        var gas = (withdrawal.GasLimit * 65 / 63) + 250_000 + (64 * withdrawal.Data.Length);
        var receipt = await wallet.SendAsync(_deployment.PortalFor(withdrawal.L2ChainId).Address, call, gas, BigInteger.Zero, ct);
        var finalized = receipt.DecodeAllEvents<WithdrawalFinalizedEvent>().Single().Event;
        var relayed = receipt.DecodeAllEvents<RelayedMessageEvent>().Count;
        var failed = receipt.DecodeAllEvents<FailedRelayedMessageEvent>().Count;
        RelayOutcome? outcome = relayed > 0 ? RelayOutcome.Relayed : failed > 0 ? RelayOutcome.Failed : null;
        return new WithdrawalFinalization(withdrawal.WithdrawalHash, receipt.TransactionHash, (long)receipt.BlockNumber.Value, finalized.Success, outcome);
    }

    /// <summary>Replays an L2 -> L1 message that failed on the L1 messenger, from an ordinary account (no value), after unblocking its target.</summary>
    public async Task<RelayResult> ReplayOnL1Async(SentL2ToL1Message message, CancellationToken ct = default)
    {
        if (message.TargetTag is { } tag)
        {
            await SetL1TargetBlockedAsync(message.Target, tag, blocked: false, ct);
        }

        var call = new RelayMessageFunction
        {
            MessageNonce = message.MessageNonce,
            Sender = message.Sender,
            Target = message.Target,
            MessageValue = message.Value,
            MinGasLimit = message.MinGasLimit,
            Message = message.Message,
        };
        var gas = (message.MinGasLimit * 64 / 63) + 200_000 + (16 * message.Message.Length);
        var receipt = await Wallet(DevnetAccounts.Replayer, _deployment.L1ChainId)
            .SendAsync(_deployment.L1MessengerFor(message.Withdrawal.L2ChainId).Address, call, gas, BigInteger.Zero, ct);
        return ReadRelayResult(_deployment.L1ChainId, receipt);
    }

    private static WithdrawalTransactionStruct Tuple(SentWithdrawal withdrawal) => new()
    {
        WithdrawalNonce = withdrawal.Nonce,
        Sender = withdrawal.Sender,
        Target = withdrawal.Target,
        WithdrawalValue = withdrawal.Value,
        GasLimit = withdrawal.GasLimit,
        Data = withdrawal.Data,
    };

    // The withdrawal hash the message passer emitted, checked against the core's Hashing.hashWithdrawal.
    private static SentWithdrawal ReadWithdrawal(long l2ChainId, TransactionReceipt receipt)
    {
        var passed = receipt.DecodeAllEvents<MessagePassedEvent>().Single().Event;
        var emitted = passed.WithdrawalHash.ToHex(prefix: true);
        var computed = WithdrawalHash.Compute(Hash32.FromBigInteger(passed.WithdrawalNonce), Address.Parse(passed.Sender), Address.Parse(passed.Target),
            Hash32.FromBigInteger(passed.WithdrawalValue), Hash32.FromBigInteger(passed.GasLimit), passed.Data).ToString();
        if (emitted != computed)
        {
            throw new InvalidOperationException($"MessagePassed in {receipt.TransactionHash} emitted withdrawalHash {emitted}; hashWithdrawal gives {computed}.");
        }

        var carried = Core.Protocols.OpStack.CrossDomainMessageHash.OfRelayCall(passed.Data).ToString();
        return new SentWithdrawal(l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, passed.WithdrawalNonce, passed.Sender, passed.Target,
            passed.WithdrawalValue, passed.GasLimit, passed.Data, emitted, carried);
    }
}

public sealed partial class TrafficSimulator
{
    private const uint BridgeMinGasLimit = 200_000;

    /// <summary>
    /// An ETH deposit through the devnet StandardBridge (bridgeETHTo): a messenger message carrying finalizeBridgeETH, so the
    /// messenger message records the native asset (zero address) and the amount. Relay it with <see cref="RelayAsync"/>.
    /// </summary>
    public async Task<SentDeposit> BridgeEthAsync(long l2ChainId, string to, BigInteger amount, int? account = null, CancellationToken ct = default)
    {
        var wallet = Wallet(account ?? DevnetAccounts.BatchSender, _deployment.L1ChainId);
        var bridge = _deployment.Helper(DevnetContracts.StandardBridge, _deployment.L1ChainId, l2ChainId).Address;
        var receipt = await wallet.SendAsync(bridge, new BridgeEthToFunction { To = to, MinGasLimit = BridgeMinGasLimit }, 300_000, amount, ct);
        return ReadDeposit(l2ChainId, receipt, null);
    }

    /// <summary>
    /// A token deposit through the devnet StandardBridge (bridgeERC20To, after minting and approving the L1 faucet token): a
    /// messenger message carrying finalizeBridgeERC20, whose source-chain token is the L1 token. Returns it and that token.
    /// </summary>
    public async Task<(SentDeposit Deposit, string L1Token)> BridgeErc20Async(long l2ChainId, string to, BigInteger amount, int? account = null, CancellationToken ct = default)
    {
        var wallet = Wallet(account ?? DevnetAccounts.BatchSender, _deployment.L1ChainId);
        var bridge = _deployment.Helper(DevnetContracts.StandardBridge, _deployment.L1ChainId, l2ChainId).Address;
        var token = _deployment.Helper(DevnetContracts.Token, _deployment.L1ChainId, l2ChainId);
        await wallet.SendAsync(token.Address, new MintFunction { To = wallet.Address, Amount = amount }, 100_000, BigInteger.Zero, ct);
        await wallet.SendAsync(token.Address, new ApproveFunction { Spender = bridge, Amount = amount }, 100_000, BigInteger.Zero, ct);
        var call = new BridgeErc20ToFunction
        {
            LocalToken = token.Address, RemoteToken = token.CounterpartyAddress, To = to, Amount = amount, MinGasLimit = BridgeMinGasLimit,
        };
        var receipt = await wallet.SendAsync(bridge, call, 400_000, BigInteger.Zero, ct);
        return (ReadDeposit(l2ChainId, receipt, null), token.Address);
    }
}
