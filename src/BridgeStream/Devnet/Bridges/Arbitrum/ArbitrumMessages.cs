using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Bridges.Arbitrum;

// Nethereum ABI types of the Arbitrum devnet contracts (infra/devnet/contracts/ArbitrumL1.sol, ArbitrumL2.sol), whose
// signatures are nitro-contracts' own. Parameter properties never use the names Nonce / Gas / GasPrice / AmountToSend.

[Function("setDelayedInbox")]
internal sealed class SetDelayedInboxFunction : FunctionMessage
{
    [Parameter("address", "inbox", 1)]
    public string Inbox { get; set; } = "";

    [Parameter("bool", "enabled", 2)]
    public bool Enabled { get; set; }
}

[Function("setOutbox")]
internal sealed class SetOutboxFunction : FunctionMessage
{
    [Parameter("address", "outbox", 1)]
    public string Outbox { get; set; } = "";

    [Parameter("bool", "enabled", 2)]
    public bool Enabled { get; set; }
}

/// <summary>Inbox.createRetryableTicket (nitro-contracts src/bridge/Inbox.sol).</summary>
[Function("createRetryableTicket", "uint256")]
internal sealed class CreateRetryableTicketFunction : FunctionMessage
{
    [Parameter("address", "to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "l2CallValue", 2)]
    public BigInteger L2CallValue { get; set; }

    [Parameter("uint256", "maxSubmissionCost", 3)]
    public BigInteger MaxSubmissionCost { get; set; }

    [Parameter("address", "excessFeeRefundAddress", 4)]
    public string ExcessFeeRefundAddress { get; set; } = "";

    [Parameter("address", "callValueRefundAddress", 5)]
    public string CallValueRefundAddress { get; set; } = "";

    [Parameter("uint256", "gasLimit", 6)]
    public BigInteger L2GasLimit { get; set; }

    [Parameter("uint256", "maxFeePerGas", 7)]
    public BigInteger L2MaxFeePerGas { get; set; }

    [Parameter("bytes", "data", 8)]
    public byte[] Data { get; set; } = [];
}

/// <summary>Inbox.depositEth().</summary>
[Function("depositEth", "uint256")]
internal sealed class DepositEthFunction : FunctionMessage
{
}

[Function("createTicket")]
internal sealed class CreateTicketFunction : FunctionMessage
{
    [Parameter("bytes32", "ticketId", 1)]
    public byte[] TicketId { get; set; } = [];

    [Parameter("address", "from", 2)]
    public string From { get; set; } = "";

    [Parameter("address", "to", 3)]
    public string To { get; set; } = "";

    [Parameter("address", "beneficiary", 4)]
    public string Beneficiary { get; set; } = "";

    [Parameter("bytes", "data", 5)]
    public byte[] Data { get; set; } = [];
}

[Function("executeRetry")]
internal sealed class ExecuteRetryFunction : FunctionMessage
{
    [Parameter("bytes32", "ticketId", 1)]
    public byte[] TicketId { get; set; } = [];
}

[Function("recordRedeem")]
internal sealed class RecordRedeemFunction : FunctionMessage
{
    [Parameter("bytes32", "ticketId", 1)]
    public byte[] TicketId { get; set; } = [];

    [Parameter("bytes32", "retryTxHash", 2)]
    public byte[] RetryTxHash { get; set; } = [];

    [Parameter("uint64", "donatedGas", 3)]
    public ulong DonatedGas { get; set; }

    [Parameter("address", "gasDonor", 4)]
    public string GasDonor { get; set; } = "";

    [Parameter("uint256", "maxRefund", 5)]
    public BigInteger MaxRefund { get; set; }

    [Parameter("uint256", "submissionFeeRefund", 6)]
    public BigInteger SubmissionFeeRefund { get; set; }
}

/// <summary>ArbSys.sendTxToL1 (nitro-contracts src/precompiles/ArbSys.sol).</summary>
[Function("sendTxToL1", "uint256")]
internal sealed class SendTxToL1Function : FunctionMessage
{
    [Parameter("address", "destination", 1)]
    public string Destination { get; set; } = "";

    [Parameter("bytes", "data", 2)]
    public byte[] Data { get; set; } = [];
}

/// <summary>ArbSys.withdrawEth.</summary>
[Function("withdrawEth", "uint256")]
internal sealed class WithdrawEthFunction : FunctionMessage
{
    [Parameter("address", "destination", 1)]
    public string Destination { get; set; } = "";
}

[Function("recordSend")]
internal sealed class RecordSendFunction : FunctionMessage
{
    [Parameter("uint256", "index", 1)]
    public BigInteger Index { get; set; }

    [Parameter("bytes32", "item", 2)]
    public byte[] Item { get; set; } = [];
}

/// <summary>Outbox.executeTransaction (nitro-contracts src/bridge/AbsOutbox.sol).</summary>
[Function("executeTransaction")]
internal sealed class ExecuteTransactionFunction : FunctionMessage
{
    [Parameter("bytes32[]", "proof", 1)]
    public List<byte[]> Proof { get; set; } = [];

    [Parameter("uint256", "index", 2)]
    public BigInteger Index { get; set; }

    [Parameter("address", "l2Sender", 3)]
    public string L2Sender { get; set; } = "";

    [Parameter("address", "to", 4)]
    public string To { get; set; } = "";

    [Parameter("uint256", "l2Block", 5)]
    public BigInteger L2Block { get; set; }

    [Parameter("uint256", "l1Block", 6)]
    public BigInteger L1Block { get; set; }

    [Parameter("uint256", "l2Timestamp", 7)]
    public BigInteger L2Timestamp { get; set; }

    [Parameter("uint256", "value", 8)]
    public BigInteger CallValue { get; set; }

    [Parameter("bytes", "data", 9)]
    public byte[] Data { get; set; } = [];
}

[Event("MessageDelivered")]
internal sealed class MessageDeliveredEvent : IEventDTO
{
    [Parameter("uint256", "messageIndex", 1, true)]
    public BigInteger MessageIndex { get; set; }

    [Parameter("bytes32", "beforeInboxAcc", 2, true)]
    public byte[] BeforeInboxAcc { get; set; } = [];

    [Parameter("address", "inbox", 3, false)]
    public string Inbox { get; set; } = "";

    [Parameter("uint8", "kind", 4, false)]
    public byte Kind { get; set; }

    [Parameter("address", "sender", 5, false)]
    public string Sender { get; set; } = "";

    [Parameter("bytes32", "messageDataHash", 6, false)]
    public byte[] MessageDataHash { get; set; } = [];

    [Parameter("uint256", "baseFeeL1", 7, false)]
    public BigInteger BaseFeeL1 { get; set; }

    [Parameter("uint64", "timestamp", 8, false)]
    public ulong Timestamp { get; set; }
}

[Event("InboxMessageDelivered")]
internal sealed class InboxMessageDeliveredEvent : IEventDTO
{
    [Parameter("uint256", "messageNum", 1, true)]
    public BigInteger MessageNum { get; set; }

    [Parameter("bytes", "data", 2, false)]
    public byte[] Data { get; set; } = [];
}

[Event("TicketCreated")]
internal sealed class TicketCreatedEvent : IEventDTO
{
    [Parameter("bytes32", "ticketId", 1, true)]
    public byte[] TicketId { get; set; } = [];
}

[Event("RedeemScheduled")]
internal sealed class RedeemScheduledEvent : IEventDTO
{
    [Parameter("bytes32", "ticketId", 1, true)]
    public byte[] TicketId { get; set; } = [];

    [Parameter("bytes32", "retryTxHash", 2, true)]
    public byte[] RetryTxHash { get; set; } = [];

    [Parameter("uint64", "sequenceNum", 3, true)]
    public ulong SequenceNum { get; set; }

    [Parameter("uint64", "donatedGas", 4, false)]
    public ulong DonatedGas { get; set; }

    [Parameter("address", "gasDonor", 5, false)]
    public string GasDonor { get; set; } = "";

    [Parameter("uint256", "maxRefund", 6, false)]
    public BigInteger MaxRefund { get; set; }

    [Parameter("uint256", "submissionFeeRefund", 7, false)]
    public BigInteger SubmissionFeeRefund { get; set; }
}

[Event("L2ToL1Tx")]
internal sealed class L2ToL1TxEvent : IEventDTO
{
    [Parameter("address", "caller", 1, false)]
    public string Caller { get; set; } = "";

    [Parameter("address", "destination", 2, true)]
    public string Destination { get; set; } = "";

    [Parameter("uint256", "hash", 3, true)]
    public BigInteger Hash { get; set; }

    [Parameter("uint256", "position", 4, true)]
    public BigInteger Position { get; set; }

    [Parameter("uint256", "arbBlockNum", 5, false)]
    public BigInteger ArbBlockNum { get; set; }

    [Parameter("uint256", "ethBlockNum", 6, false)]
    public BigInteger EthBlockNum { get; set; }

    [Parameter("uint256", "timestamp", 7, false)]
    public BigInteger Timestamp { get; set; }

    [Parameter("uint256", "callvalue", 8, false)]
    public BigInteger CallValue { get; set; }

    [Parameter("bytes", "data", 9, false)]
    public byte[] Data { get; set; } = [];
}

[Event("OutBoxTransactionExecuted")]
internal sealed class OutBoxTransactionExecutedEvent : IEventDTO
{
    [Parameter("address", "to", 1, true)]
    public string To { get; set; } = "";

    [Parameter("address", "l2Sender", 2, true)]
    public string L2Sender { get; set; } = "";

    [Parameter("uint256", "zero", 3, true)]
    public BigInteger Zero { get; set; }

    [Parameter("uint256", "transactionIndex", 4, false)]
    public BigInteger TransactionIndex { get; set; }
}
