using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Devnet.Messaging;

/// <summary>A transaction on a devnet chain.</summary>
public sealed record DevnetTx(long ChainId, string TxHash, long BlockNumber);

/// <summary>What a message carries: an application's message, or a token transfer riding on one.</summary>
public enum MessagingKind
{
    /// <summary>A DevnetMessagingApp message (its body starts with the tag the receiver may block).</summary>
    AppMessage,

    /// <summary>A Hyperlane warp-route transfer (TokenRouter.transferRemote).</summary>
    WarpTransfer,

    /// <summary>A CCTP burn (TokenMessenger.depositForBurn).</summary>
    Burn,

    /// <summary>A LayerZero OFT transfer (OFT.send).</summary>
    OftTransfer,
}

/// <summary>
/// A message as its source chain emitted it, with the key the protocol pairs it by, computed by the core's formulas from
/// the emitted bytes (and checked against what the contract emitted itself: DispatchId, the packet's guid), plus what
/// the indexer must report about it: sender, target, and the asset and amount of a token transfer.
/// </summary>
public sealed record SentCrossChainMessage(
    Protocol Protocol,
    MessagingKind Kind,
    long SourceChainId,
    long DestinationChainId,
    Hash32 Key,
    DevnetTx Send,
    int SendLogIndex,
    Address Sender,
    Address Target,
    Address Asset,
    BigInteger Amount,
    BigInteger? Tag,
    byte[] Payload);

public enum DeliveryOutcome
{
    /// <summary>Executed on the destination (Process / MessageReceived / PacketDelivered).</summary>
    Delivered,

    /// <summary>Executed and failed, on chain (LayerZero: the executor reported LzReceiveAlert); can be retried.</summary>
    Failed,

    /// <summary>
    /// The destination would revert (Hyperlane process() or CCTP receiveMessage() with a reverting recipient): like real
    /// relayers, the devnet simulates first and sends nothing, so nothing is on chain and the message stays undelivered.
    /// </summary>
    Refused,
}

/// <summary>One delivery attempt: its outcome, the transaction (none when refused) and the revert reason.</summary>
public sealed record DeliveryAttempt(DeliveryOutcome Outcome, DevnetTx? Tx, string? Reason);
