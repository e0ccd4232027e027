using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpInterop;

/// <summary>
/// The interop predeploys, at the same address on every chain of an interop set (contracts-bedrock
/// src/libraries/Predeploys.sol: CROSS_L2_INBOX 0x…22, L2_TO_L2_CROSS_DOMAIN_MESSENGER 0x…23, SUPERCHAIN_TOKEN_BRIDGE
/// 0x…28). No mainnet chain runs interop yet, so there is no mainnet table: a log from these addresses on any chain is
/// decoded, and the route comes from the events themselves (SentMessage names its destination, RelayedMessage its source).
/// </summary>
public static class OpInteropContracts
{
    public const string MessengerKind = "L2ToL2CrossDomainMessenger";
    public const string InboxKind = "CrossL2Inbox";

    public static readonly Address CrossL2Inbox = Address.Parse("0x4200000000000000000000000000000000000022");
    public static readonly Address L2ToL2CrossDomainMessenger = Address.Parse("0x4200000000000000000000000000000000000023");
    public static readonly Address SuperchainTokenBridge = Address.Parse("0x4200000000000000000000000000000000000028");

    /// <summary>The interop message expiry window: an executing message more than this after its initiating message is
    /// invalid (specs.optimism.io interop/messaging "message expiry invariant"; kona-interop MESSAGE_EXPIRY_WINDOW = 7 days).</summary>
    public const long MessageExpiryWindowSeconds = 7 * 24 * 60 * 60;

    public static bool IsMessenger(RawLog log, DecodeContext context) =>
        log.Address == L2ToL2CrossDomainMessenger || context.Contracts.Find(log.ChainId, log.Address) is { Kind: MessengerKind };

    public static bool IsInbox(RawLog log, DecodeContext context) =>
        log.Address == CrossL2Inbox || context.Contracts.Find(log.ChainId, log.Address) is { Kind: InboxKind };

    /// <summary>Whether an executing message's origin is the messenger (its own predeploy or a configured one on that chain).</summary>
    public static bool IsMessengerOrigin(Address origin, ulong originChainId, DecodeContext context) =>
        origin == L2ToL2CrossDomainMessenger || context.Contracts.Find(originChainId, origin) is { Kind: MessengerKind };
}
