using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.Hyperlane;

/// <summary>
/// Event signatures of the Hyperlane Mailbox (hyperlane-monorepo solidity/contracts/interfaces/IMailbox.sol, Mailbox.sol)
/// and of the warp-route TokenRouter (solidity/contracts/token/libs/TokenRouter.sol).
/// </summary>
public static class HyperlaneSignatures
{
    public const string DispatchSignature = "Dispatch(address,uint32,bytes32,bytes)";
    public const string DispatchIdSignature = "DispatchId(bytes32)";
    public const string ProcessSignature = "Process(uint32,bytes32,address)";
    public const string ProcessIdSignature = "ProcessId(bytes32)";

    /// <summary>TokenRouter emits it in the same transaction as the Mailbox's Dispatch of a warp transfer.</summary>
    public const string SentTransferRemoteSignature = "SentTransferRemote(uint32,bytes32,uint256)";

    public static readonly Hash32 Dispatch = EventSignature.Topic(DispatchSignature);
    public static readonly Hash32 DispatchId = EventSignature.Topic(DispatchIdSignature);
    public static readonly Hash32 Process = EventSignature.Topic(ProcessSignature);
    public static readonly Hash32 ProcessId = EventSignature.Topic(ProcessIdSignature);
    public static readonly Hash32 SentTransferRemote = EventSignature.Topic(SentTransferRemoteSignature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [Dispatch, DispatchId, Process, ProcessId, SentTransferRemote];
}
