using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet.Messaging;

// Nethereum ABI types of the devnet's Hyperlane, CCTP and LayerZero stand-ins (infra/devnet/contracts). Parameter
// properties never use the names Nonce / Gas / GasPrice / AmountToSend: those belong to the transaction.

// ---- shared ----

[Function("setBlocked")]
public sealed class AppSetBlockedFunction : FunctionMessage
{
    [Parameter("uint256", "_tag", 1)]
    public BigInteger Tag { get; set; }

    [Parameter("bool", "_blocked", 2)]
    public bool Blocked { get; set; }
}

[Function("setPeer")]
public sealed class SetPeerFunction : FunctionMessage
{
    [Parameter("uint32", "_eid", 1)]
    public uint Eid { get; set; }

    [Parameter("bytes32", "_peer", 2)]
    public byte[] Peer { get; set; } = [];
}

[Function("approve", "bool")]
public sealed class Erc20ApproveFunction : FunctionMessage
{
    [Parameter("address", "_spender", 1)]
    public string Spender { get; set; } = "";

    [Parameter("uint256", "_value", 2)]
    public BigInteger Value { get; set; }
}

[Function("balanceOf", "uint256")]
public sealed class Erc20BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "_owner", 1)]
    public string Owner { get; set; } = "";
}

// ---- Hyperlane ----

[Function("dispatchHyperlane", "bytes32")]
public sealed class AppDispatchHyperlaneFunction : FunctionMessage
{
    [Parameter("uint32", "_destination", 1)]
    public uint Destination { get; set; }

    [Parameter("bytes32", "_recipient", 2)]
    public byte[] Recipient { get; set; } = [];

    [Parameter("bytes", "_body", 3)]
    public byte[] Body { get; set; } = [];
}

[Function("process")]
public sealed class MailboxProcessFunction : FunctionMessage
{
    [Parameter("bytes", "_metadata", 1)]
    public byte[] Metadata { get; set; } = [];

    [Parameter("bytes", "_message", 2)]
    public byte[] Message { get; set; } = [];
}

[Function("nonce", "uint32")]
public sealed class MailboxNonceFunction : FunctionMessage;

[Function("delivered", "bool")]
public sealed class MailboxDeliveredFunction : FunctionMessage
{
    [Parameter("bytes32", "_id", 1)]
    public byte[] Id { get; set; } = [];
}

[Function("enrollRemoteRouters")]
public sealed class EnrollRemoteRoutersFunction : FunctionMessage
{
    [Parameter("uint32[]", "_domains", 1)]
    public List<uint> Domains { get; set; } = [];

    [Parameter("bytes32[]", "_addresses", 2)]
    public List<byte[]> Routers { get; set; } = [];
}

[Function("transferRemote", "bytes32")]
public sealed class TransferRemoteFunction : FunctionMessage
{
    [Parameter("uint32", "_destination", 1)]
    public uint Destination { get; set; }

    [Parameter("bytes32", "_recipient", 2)]
    public byte[] Recipient { get; set; } = [];

    [Parameter("uint256", "_amountOrId", 3)]
    public BigInteger AmountOrId { get; set; }
}

[Event("Dispatch")]
public sealed class HyperlaneDispatchEvent : IEventDTO
{
    [Parameter("address", "sender", 1, true)]
    public string Sender { get; set; } = "";

    [Parameter("uint32", "destination", 2, true)]
    public uint Destination { get; set; }

    [Parameter("bytes32", "recipient", 3, true)]
    public byte[] Recipient { get; set; } = [];

    [Parameter("bytes", "message", 4, false)]
    public byte[] Message { get; set; } = [];
}

[Event("DispatchId")]
public sealed class HyperlaneDispatchIdEvent : IEventDTO
{
    [Parameter("bytes32", "messageId", 1, true)]
    public byte[] MessageId { get; set; } = [];
}

// ---- CCTP ----

[Function("configureMinter", "bool")]
public sealed class UsdcConfigureMinterFunction : FunctionMessage
{
    [Parameter("address", "_minter", 1)]
    public string Minter { get; set; } = "";
}

[Function("mint", "bool")]
public sealed class UsdcMintFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_amount", 2)]
    public BigInteger Amount { get; set; }
}

[Function("addRemoteTokenMessenger")]
public sealed class AddRemoteTokenMessengerFunction : FunctionMessage
{
    [Parameter("uint32", "_domain", 1)]
    public uint Domain { get; set; }

    [Parameter("bytes32", "_tokenMessenger", 2)]
    public byte[] TokenMessenger { get; set; } = [];
}

[Function("linkTokenPair")]
public sealed class LinkTokenPairFunction : FunctionMessage
{
    [Parameter("address", "_localToken", 1)]
    public string LocalToken { get; set; } = "";

    [Parameter("uint32", "_remoteDomain", 2)]
    public uint RemoteDomain { get; set; }

    [Parameter("bytes32", "_remoteToken", 3)]
    public byte[] RemoteToken { get; set; } = [];
}

[Function("localToken", "address")]
public sealed class LocalTokenFunction : FunctionMessage;

/// <summary>TokenMessenger (v1) depositForBurn(amount, destinationDomain, mintRecipient, burnToken).</summary>
[Function("depositForBurn", "uint64")]
public sealed class DepositForBurnFunction : FunctionMessage
{
    [Parameter("uint256", "_amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint32", "_destinationDomain", 2)]
    public uint DestinationDomain { get; set; }

    [Parameter("bytes32", "_mintRecipient", 3)]
    public byte[] MintRecipient { get; set; } = [];

    [Parameter("address", "_burnToken", 4)]
    public string BurnToken { get; set; } = "";
}

/// <summary>TokenMessengerV2 depositForBurn(amount, destinationDomain, mintRecipient, burnToken, destinationCaller, maxFee, minFinalityThreshold).</summary>
[Function("depositForBurn")]
public sealed class DepositForBurnV2Function : FunctionMessage
{
    [Parameter("uint256", "_amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint32", "_destinationDomain", 2)]
    public uint DestinationDomain { get; set; }

    [Parameter("bytes32", "_mintRecipient", 3)]
    public byte[] MintRecipient { get; set; } = [];

    [Parameter("address", "_burnToken", 4)]
    public string BurnToken { get; set; } = "";

    [Parameter("bytes32", "_destinationCaller", 5)]
    public byte[] DestinationCaller { get; set; } = new byte[32];

    [Parameter("uint256", "_maxFee", 6)]
    public BigInteger MaxFee { get; set; }

    [Parameter("uint32", "_minFinalityThreshold", 7)]
    public uint MinFinalityThreshold { get; set; }
}

[Function("sendCctp", "uint64")]
public sealed class AppSendCctpFunction : FunctionMessage
{
    [Parameter("uint32", "_destinationDomain", 1)]
    public uint DestinationDomain { get; set; }

    [Parameter("bytes32", "_recipient", 2)]
    public byte[] Recipient { get; set; } = [];

    [Parameter("bytes", "_body", 3)]
    public byte[] Body { get; set; } = [];
}

[Function("sendCctpV2")]
public sealed class AppSendCctpV2Function : FunctionMessage
{
    [Parameter("uint32", "_destinationDomain", 1)]
    public uint DestinationDomain { get; set; }

    [Parameter("bytes32", "_recipient", 2)]
    public byte[] Recipient { get; set; } = [];

    [Parameter("uint32", "_minFinalityThreshold", 3)]
    public uint MinFinalityThreshold { get; set; }

    [Parameter("bytes", "_body", 4)]
    public byte[] Body { get; set; } = [];
}

[Function("receiveMessage", "bool")]
public sealed class CctpReceiveMessageFunction : FunctionMessage
{
    [Parameter("bytes", "_message", 1)]
    public byte[] Message { get; set; } = [];

    [Parameter("bytes", "_attestation", 2)]
    public byte[] Attestation { get; set; } = [];
}

[Function("availableNonces", "uint64")]
public sealed class CctpAvailableNoncesFunction : FunctionMessage
{
    [Parameter("uint32", "", 1)]
    public uint Domain { get; set; }
}

/// <summary>usedNonces(bytes32): a bool in v1 (keyed by keccak256(sourceDomain, nonce)), a uint256 in v2 (keyed by the nonce).</summary>
[Function("usedNonces", "uint256")]
public sealed class CctpUsedNoncesFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)]
    public byte[] Key { get; set; } = [];
}

[Event("MessageSent")]
public sealed class CctpMessageSentEvent : IEventDTO
{
    [Parameter("bytes", "message", 1, false)]
    public byte[] Message { get; set; } = [];
}

// ---- LayerZero ----

/// <summary>Origin(srcEid, sender, nonce).</summary>
public sealed class LzOrigin
{
    [Parameter("uint32", "srcEid", 1)]
    public uint SrcEid { get; set; }

    [Parameter("bytes32", "sender", 2)]
    public byte[] Sender { get; set; } = [];

    [Parameter("uint64", "nonce", 3)]
    public ulong OriginNonce { get; set; }
}

public sealed class LzExecutionParams
{
    [Parameter("address", "receiver", 1)]
    public string Receiver { get; set; } = "";

    [Parameter("tuple", "origin", 2)]
    public LzOrigin Origin { get; set; } = new();

    [Parameter("bytes32", "guid", 3)]
    public byte[] Guid { get; set; } = [];

    [Parameter("bytes", "message", 4)]
    public byte[] Message { get; set; } = [];

    [Parameter("bytes", "extraData", 5)]
    public byte[] ExtraData { get; set; } = [];

    [Parameter("uint256", "gasLimit", 6)]
    public BigInteger GasLimit { get; set; }
}

public sealed class OftSendParam
{
    [Parameter("uint32", "dstEid", 1)]
    public uint DstEid { get; set; }

    [Parameter("bytes32", "to", 2)]
    public byte[] To { get; set; } = [];

    [Parameter("uint256", "amountLD", 3)]
    public BigInteger AmountLD { get; set; }

    [Parameter("uint256", "minAmountLD", 4)]
    public BigInteger MinAmountLD { get; set; }

    [Parameter("bytes", "extraOptions", 5)]
    public byte[] ExtraOptions { get; set; } = [];

    [Parameter("bytes", "composeMsg", 6)]
    public byte[] ComposeMsg { get; set; } = [];

    [Parameter("bytes", "oftCmd", 7)]
    public byte[] OftCmd { get; set; } = [];
}

public sealed class LzMessagingFee
{
    [Parameter("uint256", "nativeFee", 1)]
    public BigInteger NativeFee { get; set; }

    [Parameter("uint256", "lzTokenFee", 2)]
    public BigInteger LzTokenFee { get; set; }
}

[Function("send")]
public sealed class OftSendFunction : FunctionMessage
{
    [Parameter("tuple", "_sendParam", 1)]
    public OftSendParam SendParam { get; set; } = new();

    [Parameter("tuple", "_fee", 2)]
    public LzMessagingFee Fee { get; set; } = new();

    [Parameter("address", "_refundAddress", 3)]
    public string RefundAddress { get; set; } = "";
}

[Function("sendLayerZero", "bytes32")]
public sealed class AppSendLayerZeroFunction : FunctionMessage
{
    [Parameter("uint32", "_dstEid", 1)]
    public uint DstEid { get; set; }

    [Parameter("bytes32", "_receiver", 2)]
    public byte[] Receiver { get; set; } = [];

    [Parameter("bytes", "_message", 3)]
    public byte[] Message { get; set; } = [];

    [Parameter("bytes", "_options", 4)]
    public byte[] Options { get; set; } = [];
}

[Function("verify")]
public sealed class LzVerifyFunction : FunctionMessage
{
    [Parameter("tuple", "_origin", 1)]
    public LzOrigin Origin { get; set; } = new();

    [Parameter("address", "_receiver", 2)]
    public string Receiver { get; set; } = "";

    [Parameter("bytes32", "_payloadHash", 3)]
    public byte[] PayloadHash { get; set; } = [];
}

[Function("execute302")]
public sealed class LzExecute302Function : FunctionMessage
{
    [Parameter("tuple", "_executionParams", 1)]
    public LzExecutionParams ExecutionParams { get; set; } = new();
}

[Function("outboundNonce", "uint64")]
public sealed class LzOutboundNonceFunction : FunctionMessage
{
    [Parameter("address", "", 1)]
    public string Sender { get; set; } = "";

    [Parameter("uint32", "", 2)]
    public uint DstEid { get; set; }

    [Parameter("bytes32", "", 3)]
    public byte[] Receiver { get; set; } = [];
}

/// <summary>EndpointV2.executable(origin, receiver): 0 NotExecutable, 2 Executable, 3 Executed.</summary>
[Function("executable", "uint8")]
public sealed class LzExecutableFunction : FunctionMessage
{
    [Parameter("tuple", "_origin", 1)]
    public LzOrigin Origin { get; set; } = new();

    [Parameter("address", "_receiver", 2)]
    public string Receiver { get; set; } = "";
}

[Event("PacketSent")]
public sealed class LzPacketSentEvent : IEventDTO
{
    [Parameter("bytes", "encodedPayload", 1, false)]
    public byte[] EncodedPayload { get; set; } = [];

    [Parameter("bytes", "options", 2, false)]
    public byte[] Options { get; set; } = [];

    [Parameter("address", "sendLibrary", 3, false)]
    public string SendLibrary { get; set; } = "";
}
