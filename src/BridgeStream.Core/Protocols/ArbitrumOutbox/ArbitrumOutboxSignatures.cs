using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.ArbitrumOutbox;

/// <summary>
/// Events of Arbitrum's L2->L1 path: the ArbSys precompile's L2ToL1Tx (nitro-contracts src/precompiles/ArbSys.sol,
/// emitted by OffchainLabs/nitro precompiles/ArbSys.go SendTxToL1) and the L1 Outbox's OutBoxTransactionExecuted
/// (nitro-contracts src/bridge/IOutbox.sol, emitted by Outbox.executeTransaction).
/// </summary>
public static class ArbitrumOutboxSignatures
{
    public const string L2ToL1TxSignature = "L2ToL1Tx(address,address,uint256,uint256,uint256,uint256,uint256,uint256,bytes)";
    public const string OutBoxTransactionExecutedSignature = "OutBoxTransactionExecuted(address,address,uint256,uint256)";

    public static readonly Hash32 L2ToL1Tx = EventSignature.Topic(L2ToL1TxSignature);
    public static readonly Hash32 OutBoxTransactionExecuted = EventSignature.Topic(OutBoxTransactionExecutedSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [L2ToL1Tx, OutBoxTransactionExecuted];
}
