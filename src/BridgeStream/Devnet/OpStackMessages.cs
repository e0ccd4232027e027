using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BridgeStream.Devnet;

// Nethereum ABI types of the devnet OP Stack portal, message passer and messenger set-up (infra/devnet/contracts).

[Function("initialize")]
public sealed class InitializeMessengerFunction : FunctionMessage
{
    [Parameter("address", "_otherMessenger", 1)]
    public string OtherMessenger { get; set; } = "";
}

[Function("initialize")]
public sealed class InitializeBridgeFunction : FunctionMessage
{
    [Parameter("address", "_otherBridge", 1)]
    public string OtherBridge { get; set; } = "";
}

/// <summary>StandardBridge.bridgeETHTo(address,uint32,bytes).</summary>
[Function("bridgeETHTo")]
public sealed class BridgeEthToFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint32", "_minGasLimit", 2)]
    public uint MinGasLimit { get; set; }

    [Parameter("bytes", "_extraData", 3)]
    public byte[] ExtraData { get; set; } = [];
}

/// <summary>StandardBridge.bridgeERC20To(address,address,address,uint256,uint32,bytes).</summary>
[Function("bridgeERC20To")]
public sealed class BridgeErc20ToFunction : FunctionMessage
{
    [Parameter("address", "_localToken", 1)]
    public string LocalToken { get; set; } = "";

    [Parameter("address", "_remoteToken", 2)]
    public string RemoteToken { get; set; } = "";

    [Parameter("address", "_to", 3)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_amount", 4)]
    public BigInteger Amount { get; set; }

    [Parameter("uint32", "_minGasLimit", 5)]
    public uint MinGasLimit { get; set; }

    [Parameter("bytes", "_extraData", 6)]
    public byte[] ExtraData { get; set; } = [];
}

[Function("mint")]
public sealed class MintFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_amount", 2)]
    public BigInteger Amount { get; set; }
}

[Function("approve", "bool")]
public sealed class ApproveFunction : FunctionMessage
{
    [Parameter("address", "_spender", 1)]
    public string Spender { get; set; } = "";

    [Parameter("uint256", "_amount", 2)]
    public BigInteger Amount { get; set; }
}

[Function("donateETH")]
public sealed class DonateEthFunction : FunctionMessage;

/// <summary>OptimismPortal.depositTransaction(address,uint256,uint64,bool,bytes).</summary>
[Function("depositTransaction")]
public sealed class DepositTransactionFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_value", 2)]
    public BigInteger DepositValue { get; set; }

    [Parameter("uint64", "_gasLimit", 3)]
    public ulong GasLimit { get; set; }

    [Parameter("bool", "_isCreation", 4)]
    public bool IsCreation { get; set; }

    [Parameter("bytes", "_data", 5)]
    public byte[] Data { get; set; } = [];
}

/// <summary>L2ToL1MessagePasser.initiateWithdrawal(address,uint256,bytes).</summary>
[Function("initiateWithdrawal")]
public sealed class InitiateWithdrawalFunction : FunctionMessage
{
    [Parameter("address", "_target", 1)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "_gasLimit", 2)]
    public BigInteger GasLimit { get; set; }

    [Parameter("bytes", "_data", 3)]
    public byte[] Data { get; set; } = [];
}

/// <summary>Types.WithdrawalTransaction.</summary>
public sealed class WithdrawalTransactionStruct
{
    [Parameter("uint256", "nonce", 1)]
    public BigInteger WithdrawalNonce { get; set; }

    [Parameter("address", "sender", 2)]
    public string Sender { get; set; } = "";

    [Parameter("address", "target", 3)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "value", 4)]
    public BigInteger WithdrawalValue { get; set; }

    [Parameter("uint256", "gasLimit", 5)]
    public BigInteger GasLimit { get; set; }

    [Parameter("bytes", "data", 6)]
    public byte[] Data { get; set; } = [];
}

/// <summary>The devnet portal's proveWithdrawalTransaction(tuple): the real one also takes a dispute game index and proofs.</summary>
[Function("proveWithdrawalTransaction")]
public sealed class ProveWithdrawalFunction : FunctionMessage
{
    [Parameter("tuple", "_tx", 1)]
    public WithdrawalTransactionStruct Withdrawal { get; set; } = new();
}

[Function("finalizeWithdrawalTransaction")]
public sealed class FinalizeWithdrawalFunction : FunctionMessage
{
    [Parameter("tuple", "_tx", 1)]
    public WithdrawalTransactionStruct Withdrawal { get; set; } = new();
}

[Event("MessagePassed")]
public sealed class MessagePassedEvent : IEventDTO
{
    [Parameter("uint256", "nonce", 1, true)]
    public BigInteger WithdrawalNonce { get; set; }

    [Parameter("address", "sender", 2, true)]
    public string Sender { get; set; } = "";

    [Parameter("address", "target", 3, true)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "value", 4, false)]
    public BigInteger WithdrawalValue { get; set; }

    [Parameter("uint256", "gasLimit", 5, false)]
    public BigInteger GasLimit { get; set; }

    [Parameter("bytes", "data", 6, false)]
    public byte[] Data { get; set; } = [];

    [Parameter("bytes32", "withdrawalHash", 7, false)]
    public byte[] WithdrawalHash { get; set; } = [];
}

[Event("WithdrawalFinalized")]
public sealed class WithdrawalFinalizedEvent : IEventDTO
{
    [Parameter("bytes32", "withdrawalHash", 1, true)]
    public byte[] WithdrawalHash { get; set; } = [];

    [Parameter("bool", "success", 2, false)]
    public bool Success { get; set; }
}
