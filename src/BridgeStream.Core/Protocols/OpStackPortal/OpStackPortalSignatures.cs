using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpStackPortal;

/// <summary>
/// The OptimismPortal deposit event (contracts-bedrock src/L1/OptimismPortal2.sol; the same event in OptimismPortal v1).
/// op-node reads it by the same canonical string (op-node/rollup/derive/deposit_log.go, DepositEventABI).
/// </summary>
public static class OpStackPortalSignatures
{
    public const string TransactionDepositedSignature = "TransactionDeposited(address,address,uint256,bytes)";

    public static readonly Hash32 TransactionDeposited = EventSignature.Topic(TransactionDepositedSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [TransactionDeposited];
}
