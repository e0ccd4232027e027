using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackWithdrawal;

/// <summary>
/// OP Stack withdrawal events: L2ToL1MessagePasser (contracts-bedrock src/L2/L2ToL1MessagePasser.sol) on L2, and
/// OptimismPortal / OptimismPortal2 (src/L1/OptimismPortal2.sol) on L1. WithdrawalProvenExtension1 exists only on
/// OptimismPortal2 (fault proofs), which emits it right after WithdrawalProven in proveWithdrawalTransaction.
/// </summary>
public static class OpStackWithdrawalSignatures
{
    public const string MessagePassedSignature = "MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)";
    public const string WithdrawalProvenSignature = "WithdrawalProven(bytes32,address,address)";
    public const string WithdrawalProvenExtension1Signature = "WithdrawalProvenExtension1(bytes32,address)";
    public const string WithdrawalFinalizedSignature = "WithdrawalFinalized(bytes32,bool)";

    public static readonly Hash32 MessagePassed = EventSignature.Topic(MessagePassedSignature);
    public static readonly Hash32 WithdrawalProven = EventSignature.Topic(WithdrawalProvenSignature);
    public static readonly Hash32 WithdrawalProvenExtension1 = EventSignature.Topic(WithdrawalProvenExtension1Signature);
    public static readonly Hash32 WithdrawalFinalized = EventSignature.Topic(WithdrawalFinalizedSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [MessagePassed, WithdrawalProven, WithdrawalProvenExtension1, WithdrawalFinalized];
}
