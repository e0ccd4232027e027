using System.Numerics;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.ArbitrumOutbox;
using BridgeStream.Core.Protocols.ArbitrumRetryable;
using BridgeStream.Devnet.Bridges.Anvil;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Bridges.Arbitrum;

/// <summary>
/// Drives Arbitrum messages on the devnet step by step (tests call the steps; <see cref="ArbitrumScrollTraffic"/> chains
/// them). It plays the user on L1 and L2, and ArbOS and the rollup where the devnet has no Nitro node:
/// <list type="bullet">
/// <item>L1 -> L2: <see cref="SendRetryableAsync"/> / <see cref="SendEthDepositAsync"/> on the L1 inbox;
/// <see cref="CreateTicketAsync"/> (TicketCreated) and <see cref="RedeemAsync"/> (the retry transaction, then
/// RedeemScheduled naming it) on the L2. The ticket id is computed here with BridgeStream's core from the L1 logs and handed
/// to the ArbRetryableTx stand-in, which cannot derive it. An ETH deposit has no L2 side on the devnet: Nitro executes it as
/// an ArbitrumDepositTx (type 0x64), a transaction type anvil does not have, so it stays SENT.</item>
/// <item>L2 -> L1: <see cref="WithdrawAsync"/> (ArbSys L2ToL1Tx), <see cref="RecordSendAsync"/> (the rollup stand-in
/// records the send's item hash on the outbox) and <see cref="TryExecuteAsync"/> (Outbox.executeTransaction, refused on
/// chain until the compressed challenge window has passed).</item>
/// </list>
/// </summary>
internal sealed class ArbitrumSimulator
{
    private static readonly string RetryableTx = ArbitrumRetryableContracts.ArbRetryableTx.ToString();
    private static readonly string ArbSys = ArbitrumOutboxContracts.ArbSys.ToString();

    private readonly DevnetDeployment _deployment;
    private readonly AccountWallets _wallets;
    private readonly ILogger _logger;

    public ArbitrumSimulator(AccountWallets wallets, ILogger logger)
    {
        _deployment = wallets.Deployment;
        _wallets = wallets;
        _logger = logger;
    }

    /// <summary>The Arbitrum rollups of the devnet (those with an inbox on the L1).</summary>
    public IReadOnlyList<long> Rollups =>
        [.. _deployment.ContractsOfKind(ArbitrumRetryableContracts.InboxKind).Where(c => c.ChainId == _deployment.L1ChainId).Select(c => c.CounterpartyChainId)];

    /// <summary>The rollup's compressed challenge window, as the deployment configured it.</summary>
    public long ChallengeWindowSeconds(long l2ChainId) =>
        _deployment.Timings.FirstOrDefault(t => t.ChainId == l2ChainId)?.ChallengeWindowSeconds ?? ArbitrumRollupBridge.ChallengeWindowSeconds;

    public long RetryableLifetimeSeconds(long l2ChainId) =>
        _deployment.Timings.FirstOrDefault(t => t.ChainId == l2ChainId)?.RetryableLifetimeSeconds ?? ArbitrumRollupBridge.RetryableLifetimeSeconds;

    /// <summary>The operator account (sender of everything here).</summary>
    public string Operator => _wallets.Address;

    /// <summary>A retryable to the devnet receiver; it fails on L2 until <paramref name="notBefore"/> (unix seconds; 0: never fails).</summary>
    public RetryableRequest ReceiverRetryable(BigInteger notBefore, byte[] payload, BigInteger l2CallValue, bool autoRedeem = true)
    {
        var data = DevnetReceiver.Message(notBefore, payload);
        var gasLimit = autoRedeem ? new BigInteger(300_000) : BigInteger.Zero;
        // Comfortably above calculateRetryableSubmissionFee at any base fee the devnet L1 reaches (it starts at 1 gwei).
        var maxSubmissionCost = (1400 + (6 * data.Length)) * new BigInteger(10_000_000_000);
        return new RetryableRequest(DevnetReceiver.Address, l2CallValue, maxSubmissionCost, Operator, Operator, gasLimit, 100_000_000, data);
    }

    public async Task<SentRetryable> SendRetryableAsync(long l2ChainId, RetryableRequest request, CancellationToken ct)
    {
        var call = new CreateRetryableTicketFunction
        {
            To = request.To,
            L2CallValue = request.L2CallValue,
            MaxSubmissionCost = request.MaxSubmissionCost,
            ExcessFeeRefundAddress = request.ExcessFeeRefundAddress,
            CallValueRefundAddress = request.CallValueRefundAddress,
            L2GasLimit = request.GasLimit,
            L2MaxFeePerGas = request.MaxFeePerGas,
            Data = request.Data,
        };
        var receipt = await L1.SendAsync(Inbox(l2ChainId).Address, call, 300_000 + (64 * request.Data.Length), request.Deposit, ct);
        var (delivered, data) = ReadDelivered(l2ChainId, receipt, L1MessageKind.SubmitRetryable);
        var error = InboxMessageData.TryParseSubmitRetryable(data, out var message);
        if (error is not null)
        {
            throw new InvalidOperationException($"The devnet inbox packed an unreadable retryable (tx {receipt.TransactionHash}): {error}");
        }

        // The ticket id exactly as the decoder derives it from the same two logs.
        var ticketId = ArbitrumL2TxHash.SubmitRetryable(
            (ulong)l2ChainId, Hash32.FromBigInteger(delivered.MessageIndex), Address.Parse(delivered.Sender), Hash32.FromBigInteger(delivered.BaseFeeL1), message);
        return new SentRetryable(
            l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, delivered.MessageIndex, Operator, delivered.Sender,
            delivered.BaseFeeL1, request, message.CallValueRefundAddress.ToString(), ticketId);
    }

    public async Task<SentEthDeposit> SendEthDepositAsync(long l2ChainId, BigInteger value, CancellationToken ct)
    {
        var receipt = await L1.SendAsync(Inbox(l2ChainId).Address, new DepositEthFunction(), 200_000, value, ct);
        var (delivered, data) = ReadDelivered(l2ChainId, receipt, L1MessageKind.EthDeposit);
        var error = InboxMessageData.TryParseEthDeposit(data, out var deposit);
        if (error is not null)
        {
            throw new InvalidOperationException($"The devnet inbox packed an unreadable ETH deposit (tx {receipt.TransactionHash}): {error}");
        }

        var l2TxHash = ArbitrumL2TxHash.EthDeposit((ulong)l2ChainId, Hash32.FromBigInteger(delivered.MessageIndex), Address.Parse(delivered.Sender), deposit);
        return new SentEthDeposit(l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, delivered.MessageIndex, Operator, deposit.To.ToString(), value, l2TxHash);
    }

    /// <summary>The ticket appears on L2 (ArbOS executing the submit-retryable message): TicketCreated(ticketId).</summary>
    public async Task<CreatedTicket> CreateTicketAsync(SentRetryable sent, CancellationToken ct)
    {
        var call = new CreateTicketFunction
        {
            TicketId = sent.TicketId.ToArray(),
            From = sent.AliasedSender,
            To = sent.Request.To,
            Beneficiary = sent.Beneficiary,
            Data = sent.Request.Data,
        };
        var gas = 300_000 + (25_000 * ((sent.Request.Data.Length + 31) / 32));
        var receipt = await L2(sent.L2ChainId).SendAsync(RetryableTx, call, gas, sent.Request.L2CallValue, ct);
        var created = receipt.DecodeAllEvents<TicketCreatedEvent>().Single().Event;
        if (new Hash32(created.TicketId) != sent.TicketId)
        {
            throw new InvalidOperationException($"TicketCreated carried {Hex.Encode(created.TicketId)}, expected {sent.TicketId}.");
        }

        return new CreatedTicket(sent.TicketId, sent.L2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value);
    }

    /// <summary>
    /// One redeem attempt: the retry transaction (reverts, status 0, when the target call fails), then RedeemScheduled with
    /// that transaction's hash. <paramref name="auto"/> is the auto-redeem (its gas and donor are the ticket's own).
    /// </summary>
    public async Task<RedeemAttempt> RedeemAsync(SentRetryable sent, bool auto, CancellationToken ct)
    {
        var l2 = L2(sent.L2ChainId);
        var gasLimit = auto || sent.Request.GasLimit > 0 ? sent.Request.GasLimit : 300_000;
        var retryGas = 120_000 + (3_000 * ((sent.Request.Data.Length + 31) / 32)) + gasLimit;
        var retry = await l2.SendAllowingRevertAsync(RetryableTx, new ExecuteRetryFunction { TicketId = sent.TicketId.ToArray() }, retryGas, BigInteger.Zero, ct);
        var succeeded = retry.Status?.Value == BigInteger.One;
        var record = new RecordRedeemFunction
        {
            TicketId = sent.TicketId.ToArray(),
            RetryTxHash = Hex.Decode(retry.TransactionHash),
            DonatedGas = (ulong)gasLimit,
            GasDonor = auto ? sent.Request.ExcessFeeRefundAddress : Operator,
            MaxRefund = auto ? sent.Request.GasLimit * sent.Request.MaxFeePerGas : BigInteger.Zero,
            SubmissionFeeRefund = BigInteger.Zero,
        };
        var receipt = await l2.SendAsync(RetryableTx, record, 150_000, BigInteger.Zero, ct);
        var scheduled = receipt.DecodeAllEvents<RedeemScheduledEvent>().Single().Event;
        return new RedeemAttempt(sent.TicketId, retry.TransactionHash, succeeded, scheduled.SequenceNum, receipt.TransactionHash, (long)receipt.BlockNumber.Value);
    }

    /// <summary>An L2 -> L1 message through ArbSys (withdrawEth without data, sendTxToL1 with).</summary>
    public async Task<SentWithdrawal> WithdrawAsync(long l2ChainId, string destination, BigInteger value, byte[] data, CancellationToken ct)
    {
        var l2 = L2(l2ChainId);
        var receipt = data.Length == 0
            ? await l2.SendAsync(ArbSys, new WithdrawEthFunction { Destination = destination }, 150_000, value, ct)
            : await l2.SendAsync(ArbSys, new SendTxToL1Function { Destination = destination, Data = data }, 150_000 + (64 * data.Length), value, ct);
        var sent = receipt.DecodeAllEvents<L2ToL1TxEvent>().Single().Event;
        var expected = L2ToL1SendHash.Compute(
            Address.Parse(sent.Caller), Address.Parse(sent.Destination), Hash32.FromBigInteger(sent.ArbBlockNum), Hash32.FromBigInteger(sent.EthBlockNum),
            Hash32.FromBigInteger(sent.Timestamp), Hash32.FromBigInteger(sent.CallValue), sent.Data);
        if (expected != Hash32.FromBigInteger(sent.Hash))
        {
            throw new InvalidOperationException($"L2ToL1Tx hash {sent.Hash} is not the send hash {expected} of its fields (tx {receipt.TransactionHash}).");
        }

        var key = ArbitrumOutboxKey.Of((ulong)l2ChainId, Hash32.FromBigInteger(sent.Position));
        return new SentWithdrawal(
            l2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, sent.Caller, sent.Destination, sent.Hash, sent.Position,
            sent.ArbBlockNum, sent.EthBlockNum, sent.Timestamp, sent.CallValue, sent.Data, key);
    }

    /// <summary>The rollup stand-in records the send on the outbox (what a confirmed assertion's send root does on mainnet).</summary>
    public Task RecordSendAsync(SentWithdrawal withdrawal, CancellationToken ct) =>
        L1.SendAsync(Outbox(withdrawal.L2ChainId).Address,
            new RecordSendFunction { Index = withdrawal.Position, Item = Hash32.FromBigInteger(withdrawal.Hash).ToArray() }, 100_000, BigInteger.Zero, ct);

    /// <summary>Outbox.executeTransaction now; Executed is false when the outbox refused (window not over, spent, unknown).</summary>
    public async Task<WithdrawalExecution> TryExecuteAsync(SentWithdrawal withdrawal, CancellationToken ct)
    {
        var call = new ExecuteTransactionFunction
        {
            Proof = [],
            Index = withdrawal.Position,
            L2Sender = withdrawal.Caller,
            To = withdrawal.Destination,
            L2Block = withdrawal.ArbBlockNum,
            L1Block = withdrawal.EthBlockNum,
            L2Timestamp = withdrawal.Timestamp,
            CallValue = withdrawal.CallValue,
            Data = withdrawal.Data,
        };
        var receipt = await L1.SendAllowingRevertAsync(Outbox(withdrawal.L2ChainId).Address, call, 400_000 + (64 * withdrawal.Data.Length), BigInteger.Zero, ct);
        var executed = receipt.Status?.Value == BigInteger.One
            && receipt.DecodeAllEvents<OutBoxTransactionExecutedEvent>().Any(e => e.Event.TransactionIndex == withdrawal.Position);
        return new WithdrawalExecution(receipt.TransactionHash, (long)receipt.BlockNumber.Value, executed);
    }

    /// <summary>Waits out the challenge window (wall clock, which anvil's block times follow), then executes.</summary>
    public async Task<WithdrawalExecution> ExecuteWhenReadyAsync(SentWithdrawal withdrawal, CancellationToken ct)
    {
        var executableAt = DateTimeOffset.FromUnixTimeSeconds(withdrawal.ExecutableAt(ChallengeWindowSeconds(withdrawal.L2ChainId)));
        for (var attempt = 0; ; attempt++)
        {
            var wait = executableAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var execution = await TryExecuteAsync(withdrawal, ct);
            if (execution.Executed || attempt >= 3)
            {
                return execution;
            }

            _logger.LogDebug("Outbox refused withdrawal {Position} of chain {Chain} (tx {Tx}); trying again", withdrawal.Position, withdrawal.L2ChainId, execution.L1TxHash);
            executableAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        }
    }

    private DevnetWallet L1 => _wallets.On(_deployment.L1ChainId);

    private DevnetWallet L2(long chainId) => _wallets.On(chainId);

    private DevnetContract Inbox(long l2ChainId) => Find(ArbitrumRetryableContracts.InboxKind, l2ChainId);

    private DevnetContract Bridge(long l2ChainId) => Find(ArbitrumRetryableContracts.BridgeKind, l2ChainId);

    private DevnetContract Outbox(long l2ChainId) => Find(ArbitrumOutboxContracts.OutboxKind, l2ChainId);

    private DevnetContract Find(string kind, long l2ChainId) =>
        _deployment.ContractsOfKind(kind).FirstOrDefault(c => c.ChainId == _deployment.L1ChainId && c.CounterpartyChainId == l2ChainId)
        ?? throw new ArgumentException($"No {kind} for Arbitrum chain {l2ChainId} in this devnet.", nameof(l2ChainId));

    // MessageDelivered from the bridge and its InboxMessageDelivered, checked against each other as the decoder pairs them.
    private (MessageDeliveredEvent Delivered, byte[] Data) ReadDelivered(long l2ChainId, TransactionReceipt receipt, byte kind)
    {
        var bridge = Address.Parse(Bridge(l2ChainId).Address);
        var delivered = receipt.DecodeAllEvents<MessageDeliveredEvent>().Single(e => Address.Parse(e.Log.Address) == bridge).Event;
        var inbox = receipt.DecodeAllEvents<InboxMessageDeliveredEvent>().Single(e => e.Event.MessageNum == delivered.MessageIndex).Event;
        if (delivered.Kind != kind || new Hash32(delivered.MessageDataHash) != Keccak256.Hash(inbox.Data))
        {
            throw new InvalidOperationException($"MessageDelivered of tx {receipt.TransactionHash} has kind {delivered.Kind} or a data hash that does not match its inbox message.");
        }
        return (delivered, inbox.Data);
    }
}
