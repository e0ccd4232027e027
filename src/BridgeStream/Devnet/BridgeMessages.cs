using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet;

// Nethereum ABI types of the devnet contracts. Parameter properties never use the names Nonce / Gas / GasPrice /
// AmountToSend: those belong to the transaction (FunctionMessage) and would be hidden.

[Function("sendMessage")]
public sealed class SendMessageFunction : FunctionMessage
{
    [Parameter("address", "_target", 1)]
    public string Target { get; set; } = "";

    [Parameter("bytes", "_message", 2)]
    public byte[] Message { get; set; } = [];

    [Parameter("uint32", "_minGasLimit", 3)]
    public uint MinGasLimit { get; set; }
}

[Function("sendMessageBatch", "uint256")]
public sealed class SendMessageBatchFunction : FunctionMessage
{
    [Parameter("address", "_target", 1)]
    public string Target { get; set; } = "";

    [Parameter("bytes", "_message", 2)]
    public byte[] Message { get; set; } = [];

    [Parameter("uint32", "_minGasLimit", 3)]
    public uint MinGasLimit { get; set; }

    [Parameter("uint256", "_count", 4)]
    public BigInteger Count { get; set; }
}

/// <summary>The OP Stack relayMessage call; its call data is what hashCrossDomainMessageV1 hashes.</summary>
[Function("relayMessage")]
public sealed class RelayMessageFunction : FunctionMessage
{
    [Parameter("uint256", "_nonce", 1)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("address", "_sender", 2)]
    public string Sender { get; set; } = "";

    [Parameter("address", "_target", 3)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "_value", 4)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_minGasLimit", 5)]
    public BigInteger MinGasLimit { get; set; }

    [Parameter("bytes", "_message", 6)]
    public byte[] Message { get; set; } = [];
}

[Function("relayMessageBatch")]
public sealed class RelayMessageBatchFunction : FunctionMessage
{
    [Parameter("uint256", "_firstNonce", 1)]
    public BigInteger FirstNonce { get; set; }

    [Parameter("uint256", "_count", 2)]
    public BigInteger Count { get; set; }

    [Parameter("address", "_sender", 3)]
    public string Sender { get; set; } = "";

    [Parameter("address", "_target", 4)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "_value", 5)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_minGasLimit", 6)]
    public BigInteger MinGasLimit { get; set; }

    [Parameter("bytes", "_message", 7)]
    public byte[] Message { get; set; } = [];
}

[Function("setBlocked")]
public sealed class SetBlockedFunction : FunctionMessage
{
    [Parameter("uint256", "_tag", 1)]
    public BigInteger Tag { get; set; }

    [Parameter("bool", "_blocked", 2)]
    public bool Blocked { get; set; }
}

/// <summary>The payload the devnet sends to a MessageTarget: receiveMessage(tag, payload).</summary>
[Function("receiveMessage")]
public sealed class ReceiveMessageFunction : FunctionMessage
{
    [Parameter("uint256", "_tag", 1)]
    public BigInteger Tag { get; set; }

    [Parameter("bytes", "_payload", 2)]
    public byte[] Payload { get; set; } = [];
}

[Event("SentMessage")]
public sealed class SentMessageEvent : IEventDTO
{
    public const string Signature = "SentMessage(address,address,bytes,uint256,uint256)";

    [Parameter("address", "target", 1, true)]
    public string Target { get; set; } = "";

    [Parameter("address", "sender", 2, false)]
    public string Sender { get; set; } = "";

    [Parameter("bytes", "message", 3, false)]
    public byte[] Message { get; set; } = [];

    [Parameter("uint256", "messageNonce", 4, false)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("uint256", "gasLimit", 5, false)]
    public BigInteger GasLimit { get; set; }
}

[Event("SentMessageExtension1")]
public sealed class SentMessageExtension1Event : IEventDTO
{
    public const string Signature = "SentMessageExtension1(address,uint256)";

    [Parameter("address", "sender", 1, true)]
    public string Sender { get; set; } = "";

    [Parameter("uint256", "value", 2, false)]
    public BigInteger Value { get; set; }
}

[Event("RelayedMessage")]
public sealed class RelayedMessageEvent : IEventDTO
{
    public const string Signature = "RelayedMessage(bytes32)";

    [Parameter("bytes32", "msgHash", 1, true)]
    public byte[] MsgHash { get; set; } = [];
}

[Event("FailedRelayedMessage")]
public sealed class FailedRelayedMessageEvent : IEventDTO
{
    public const string Signature = "FailedRelayedMessage(bytes32)";

    [Parameter("bytes32", "msgHash", 1, true)]
    public byte[] MsgHash { get; set; } = [];
}
