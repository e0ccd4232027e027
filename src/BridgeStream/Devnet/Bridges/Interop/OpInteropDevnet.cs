using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpInterop;
using BridgeStream.Devnet.Messaging;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Bridges.Interop;

/// <summary>One OP Stack chain of the devnet interop set: its wallet (the interop account) and the stand-ins on it.</summary>
internal sealed record InteropChain(DevnetChain Chain, DevnetWallet Wallet, string Messenger, string Inbox, string Target);

/// <summary>
/// An interop message as its source chain emitted it: the SentMessage log, the message hash computed from it with the
/// core's <see cref="L2ToL2MessageHash"/> (what the decoder keys it by), and the source block's timestamp.
/// </summary>
public sealed record InteropMessage(long SourceChainId, long DestinationChainId, Hash32 Hash, DevnetTx Send, long SendTimestamp, RawLog SentLog);

/// <summary>A relay on the destination: its transaction, its block's timestamp and its logs.</summary>
public sealed record InteropRelay(DevnetTx Tx, long Timestamp, IReadOnlyList<RawLog> Logs);

/// <summary>
/// Sends and relays OP Superchain interop messages on the devnet stand-ins (OpInterop.sol). The relay plays what
/// op-supervisor and a relayer do on a real interop set: it reads the initiating log on the source chain and calls
/// relayMessage on the destination with that log's identifier and payload. DEVNET STAND-IN: nothing checks the
/// identifier against the source chain (the real CrossL2Inbox does, through op-supervisor); see OpInterop.sol.
/// </summary>
public sealed class OpInteropDevnet
{
    public const string TargetHelperKind = "InteropMessageTarget";
    private static readonly BigInteger SendGas = 300_000;
    private static readonly BigInteger RelayGas = 500_000;

    private readonly Dictionary<long, InteropChain> _chains;

    private OpInteropDevnet(Dictionary<long, InteropChain> chains) => _chains = chains;

    internal IReadOnlyCollection<InteropChain> Chains => _chains.Values;

    internal InteropChain Chain(long chainId) =>
        _chains.TryGetValue(chainId, out var chain) ? chain : throw new InvalidOperationException($"Chain {chainId} has no devnet interop stand-ins.");

    /// <summary>The stand-ins the deployment lists (null when this devnet has fewer than two OP Stack chains, so no interop set).</summary>
    public static OpInteropDevnet? TryPrepare(DevnetDeployment deployment, ILogger logger)
    {
        var chains = new Dictionary<long, InteropChain>();
        foreach (var messenger in deployment.ContractsOfKind(OpInteropContracts.MessengerKind))
        {
            var chain = deployment.Chain(messenger.ChainId);
            var inbox = deployment.Contracts.Single(c => c.Kind == OpInteropContracts.InboxKind && c.ChainId == chain.ChainId);
            var target = deployment.Helpers.Single(c => c.Kind == TargetHelperKind && c.ChainId == chain.ChainId);
            chains[chain.ChainId] = new InteropChain(chain, new DevnetWallet(chain, DevnetAccounts.Interop(chain.ChainId), logger), messenger.Address, inbox.Address, target.Address);
        }

        return chains.Count >= 2 ? new OpInteropDevnet(chains) : null;
    }

    /// <summary>The call a message makes on the destination: MessageTarget.receiveMessage(tag, body).</summary>
    public static byte[] TargetCall(BigInteger tag, byte[] body) => new TargetReceiveMessageFunction { Tag = tag, Body = body }.GetCallData();

    public async Task<InteropMessage> SendAsync(long from, long to, byte[] message, CancellationToken ct)
    {
        var source = Chain(from);
        var destination = Chain(to);
        var receipt = await source.Wallet.SendAsync(source.Messenger,
            new InteropSendMessageFunction { Destination = to, Target = destination.Target, Message = message }, SendGas, BigInteger.Zero, ct);
        var log = Logs(from, receipt).Single(l => l.Topic0 == OpInteropSignatures.SentMessage && l.Address == Address.Parse(source.Messenger));
        var sender = Address.Parse(source.Wallet.Address);
        var hash = L2ToL2MessageHash.Compute((ulong)to, (ulong)from, log.Topics[3], sender, Address.Parse(destination.Target), message);
        var timestamp = await BlockTimestampAsync(source, receipt.BlockNumber.Value);
        return new InteropMessage(from, to, hash, new DevnetTx(from, receipt.TransactionHash, (long)receipt.BlockNumber.Value), timestamp, log);
    }

    /// <summary>Relays <paramref name="message"/> on its destination (throws if relayMessage reverts).</summary>
    public async Task<InteropRelay> RelayAsync(InteropMessage message, CancellationToken ct)
    {
        var destination = Chain(message.DestinationChainId);
        var log = message.SentLog;
        var relay = new InteropRelayMessageFunction
        {
            Id = new InteropIdentifier
            {
                Origin = log.Address.ToString(),
                BlockNumber = log.BlockNumber,
                LogIndex = log.LogIndex,
                Timestamp = message.SendTimestamp,
                ChainId = message.SourceChainId,
            },
            SentMessage = Payload(log),
        };
        var receipt = await destination.Wallet.SendAsync(destination.Messenger, relay, RelayGas, BigInteger.Zero, ct);
        var timestamp = await BlockTimestampAsync(destination, receipt.BlockNumber.Value);
        return new InteropRelay(
            new DevnetTx(message.DestinationChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value), timestamp, Logs(message.DestinationChainId, receipt));
    }

    /// <summary>Whether the messenger on <paramref name="chainId"/> recorded the hash as sent (source) or as relayed (destination).</summary>
    public async Task<(bool Sent, bool Relayed)> RecordedAsync(long chainId, Hash32 hash)
    {
        var chain = Chain(chainId);
        var word = hash.ToArray();
        var sent = await MessagingContracts.QueryAsync<InteropSentMessagesFunction, bool>(chain.Wallet, chain.Messenger, new InteropSentMessagesFunction { MessageHash = word });
        var relayed = await MessagingContracts.QueryAsync<InteropSuccessfulMessagesFunction, bool>(chain.Wallet, chain.Messenger, new InteropSuccessfulMessagesFunction { MessageHash = word });
        return (sent, relayed);
    }

    /// <summary>The SentMessage payload relayMessage takes (and CrossL2Inbox hashes): the log's topics, then its data.</summary>
    public static byte[] Payload(RawLog log)
    {
        var payload = new byte[(32 * log.Topics.Length) + log.Data.Length];
        for (var i = 0; i < log.Topics.Length; i++)
        {
            log.Topics[i].CopyTo(payload.AsSpan(32 * i));
        }

        log.Data.Span.CopyTo(payload.AsSpan(32 * log.Topics.Length));
        return payload;
    }

    private static List<RawLog> Logs(long chainId, TransactionReceipt receipt) =>
        [.. (receipt.Logs ?? []).Select(l => DevnetOpNode.ToRawLog((ulong)chainId, l))];

    private static async Task<long> BlockTimestampAsync(InteropChain chain, BigInteger number)
    {
        var block = await chain.Wallet.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(new Nethereum.Hex.HexTypes.HexBigInteger(number)));
        return (long)block.Timestamp.Value;
    }

    internal static string Hex(byte[] bytes) => bytes.ToHex(prefix: true);
}
