using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Bridges.Scroll;

// Nethereum ABI types of the Scroll devnet messengers (infra/devnet/contracts/ScrollMessengers.sol), whose signatures are
// scroll-tech/scroll-contracts' own. Parameter properties never use the names Nonce / Gas / GasPrice / AmountToSend.

/// <summary>IScrollMessenger.sendMessage(address,uint256,bytes,uint256).</summary>
[Function("sendMessage")]
internal sealed class ScrollSendMessageFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_value", 2)]
    public BigInteger MessageValue { get; set; }

    [Parameter("bytes", "_message", 3)]
    public byte[] Message { get; set; } = [];

    [Parameter("uint256", "_gasLimit", 4)]
    public BigInteger MessageGasLimit { get; set; }
}

/// <summary>IL2ScrollMessenger.relayMessage(address,address,uint256,uint256,bytes): also the call whose data is hashed.</summary>
[Function("relayMessage")]
internal sealed class ScrollRelayMessageFunction : FunctionMessage
{
    [Parameter("address", "_from", 1)]
    public string From { get; set; } = "";

    [Parameter("address", "_to", 2)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_value", 3)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_nonce", 4)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("bytes", "_message", 5)]
    public byte[] Message { get; set; } = [];
}

/// <summary>IL1ScrollMessenger.L2MessageProof.</summary>
internal sealed class L2MessageProof
{
    [Parameter("uint256", "batchIndex", 1)]
    public BigInteger BatchIndex { get; set; }

    [Parameter("bytes", "merkleProof", 2)]
    public byte[] MerkleProof { get; set; } = [];
}

/// <summary>IL1ScrollMessenger.relayMessageWithProof.</summary>
[Function("relayMessageWithProof")]
internal sealed class RelayMessageWithProofFunction : FunctionMessage
{
    [Parameter("address", "_from", 1)]
    public string From { get; set; } = "";

    [Parameter("address", "_to", 2)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_value", 3)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_nonce", 4)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("bytes", "_message", 5)]
    public byte[] Message { get; set; } = [];

    [Parameter("tuple", "_proof", 6)]
    public L2MessageProof Proof { get; set; } = new();
}

/// <summary>IL1ScrollMessenger.replayMessage.</summary>
[Function("replayMessage")]
internal sealed class ReplayMessageFunction : FunctionMessage
{
    [Parameter("address", "_from", 1)]
    public string From { get; set; } = "";

    [Parameter("address", "_to", 2)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_value", 3)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_messageNonce", 4)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("bytes", "_message", 5)]
    public byte[] Message { get; set; } = [];

    [Parameter("uint32", "_newGasLimit", 6)]
    public uint NewGasLimit { get; set; }

    [Parameter("address", "_refundAddress", 7)]
    public string RefundAddress { get; set; } = "";
}

/// <summary>IScrollMessenger.SentMessage.</summary>
[Event("SentMessage")]
internal sealed class ScrollSentMessageEvent : IEventDTO
{
    [Parameter("address", "sender", 1, true)]
    public string Sender { get; set; } = "";

    [Parameter("address", "target", 2, true)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "value", 3, false)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "messageNonce", 4, false)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("uint256", "gasLimit", 5, false)]
    public BigInteger MessageGasLimit { get; set; }

    [Parameter("bytes", "message", 6, false)]
    public byte[] Message { get; set; } = [];
}
