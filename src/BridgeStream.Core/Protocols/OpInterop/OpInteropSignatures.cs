using BridgeStream.Core.Decoding;
using BridgeStream.Core.Primitives;

namespace BridgeStream.Core.Protocols.OpInterop;

/// <summary>
/// Events of the OP Superchain interop predeploys (ethereum-optimism/optimism packages/contracts-bedrock
/// src/L2/L2ToL2CrossDomainMessenger.sol and src/L2/CrossL2Inbox.sol). The versions that shipped:
/// <list type="bullet">
/// <item>SentMessage(uint256 indexed destination, address indexed target, uint256 indexed messageNonce, address sender,
/// bytes message): unchanged from the first indexed version (the one supersim documents from commit
/// a05feb362b5209ab6a200874e9d45244f12240d1) through 1.0.0-beta.14 (interfaces/L2/IL2ToL2CrossDomainMessenger.sol at
/// 7f63753548cfe4aab984eaca89f59ffc5a446dec) to 2.0.0 (src/L2/L2ToL2CrossDomainMessenger.sol at
/// 01703a46cfc8eb636c80dd167f3354accac9fbae).</item>
/// <item>RelayedMessage(uint256 indexed source, uint256 indexed messageNonce, bytes32 indexed messageHash): the 1.0.0-beta
/// line (7f637535…); a failed target call reverts the whole relay, so there is no failure event.</item>
/// <item>RelayedMessage(uint256 indexed source, uint256 indexed messageNonce, bytes32 indexed messageHash, bytes32
/// returnDataHash): 2.0.0 (01703a46…), which also adds MessageExpired (not decoded here, see the module).</item>
/// <item>CrossL2Inbox ExecutingMessage(bytes32 indexed msgHash, Identifier id), Identifier = (address origin, uint256
/// blockNumber, uint256 logIndex, uint256 timestamp, uint256 chainId): 1.0.0-beta.12 (7f637535…) and later.</item>
/// </list>
/// Not supported: the first devnet version (commit 92ed64e171c6eb9c6a080c626640e8836f0653cc, supersim's September 2024
/// guide), whose SentMessage was an anonymous LOG0 of the relayMessage calldata: with no topic0 it cannot be filtered
/// or told apart from any other anonymous log.
/// </summary>
public static class OpInteropSignatures
{
    public const string SentMessageSignature = "SentMessage(uint256,address,uint256,address,bytes)";
    public const string RelayedMessageSignature = "RelayedMessage(uint256,uint256,bytes32)";
    public const string RelayedMessageWithReturnDataSignature = "RelayedMessage(uint256,uint256,bytes32,bytes32)";
    public const string ExecutingMessageSignature = "ExecutingMessage(bytes32,(address,uint256,uint256,uint256,uint256))";

    /// <summary>SuperchainTokenBridge (predeploy 0x…0028) relayERC20(address token, address from, address to, uint256 amount).</summary>
    public const string RelayErc20Signature = "relayERC20(address,address,address,uint256)";

    public static readonly Hash32 SentMessage = EventSignature.Topic(SentMessageSignature);
    public static readonly Hash32 RelayedMessage = EventSignature.Topic(RelayedMessageSignature);
    public static readonly Hash32 RelayedMessageWithReturnData = EventSignature.Topic(RelayedMessageWithReturnDataSignature);
    public static readonly Hash32 ExecutingMessage = EventSignature.Topic(ExecutingMessageSignature);

    public static readonly uint RelayErc20Selector = EventSignature.Selector(RelayErc20Signature);

    public static IReadOnlyList<Hash32> AllTopics { get; } = [SentMessage, RelayedMessage, RelayedMessageWithReturnData, ExecutingMessage];
}
