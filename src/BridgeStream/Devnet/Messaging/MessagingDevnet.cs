using System.Numerics;
using BridgeStream.Core.Crypto;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Cctp;
using BridgeStream.Core.Protocols.Hyperlane;
using BridgeStream.Core.Protocols.LayerZeroV2;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Messaging;

/// <summary>One devnet chain's messaging contracts.</summary>
public sealed record MessagingChain(
    DevnetChain Chain,
    uint HyperlaneDomain,
    uint CctpDomain,
    uint LayerZeroEid,
    string Mailbox,
    string WarpRouter,
    string Usdc,
    string TransmitterV1,
    string MessengerV1,
    string TransmitterV2,
    string MessengerV2,
    string Endpoint,
    string Oft,
    string App,
    string IdleApp,
    string Executor);

/// <summary>
/// The Hyperlane, CCTP and LayerZero devnet at work: sends messages and token transfers as users and applications do,
/// and plays every off-chain party on the destination (the Hyperlane relayer, Circle's attester and relayer, LayerZero's
/// DVN and executor), all from the messaging account (one wallet per chain, so sends never clash). Serves the
/// continuous traffic of `up` (<see cref="MessagingTraffic"/>) and the tests, which drive it step by step.
/// <see cref="PrepareAsync"/> adds what only the traffic needs on each chain: two DevnetMessagingApps (the app, peered
/// with the apps of the other chains for LayerZero, and an idle one that has no peers, so a LayerZero packet sent to it
/// can never be verified: the devnet's "never delivered") and a LayerZero executor contract.
/// </summary>
public sealed class MessagingDevnet
{
    /// <summary>Gas the LayerZero executor gives lzReceive (the option every devnet packet carries).</summary>
    public const int LzReceiveGas = 200_000;

    private const byte ExecutableState = 2;
    private const byte ExecutedState = 3;

    private static readonly BigInteger SendGas = 600_000;
    private static readonly BigInteger DeliverGas = 800_000;

    private static readonly Hash32 PacketDeliveredTopic = EventSignature.Topic(LayerZeroV2Signatures.PacketDeliveredSignature);
    private static readonly Hash32 LzReceiveAlertTopic = EventSignature.Topic(LayerZeroV2Signatures.LzReceiveAlertSignature);

    private readonly Dictionary<long, MessagingChain> _chains;
    private readonly Dictionary<long, DevnetWallet> _wallets;

    private MessagingDevnet(IEnumerable<MessagingChain> chains, Dictionary<long, DevnetWallet> wallets)
    {
        _chains = chains.ToDictionary(c => c.Chain.ChainId);
        _wallets = wallets;
    }

    public IReadOnlyList<MessagingChain> Chains => [.. _chains.Values];

    public MessagingChain Chain(long chainId) =>
        _chains.TryGetValue(chainId, out var chain) ? chain : throw new ArgumentException($"Chain {chainId} has no messaging contracts.", nameof(chainId));

    internal DevnetWallet WalletOn(long chainId) => _wallets[chainId];

    /// <summary>Finds the messaging contracts of <paramref name="deployment"/> and deploys the apps and executors.</summary>
    public static async Task<MessagingDevnet> PrepareAsync(DevnetDeployment deployment, ILogger logger, CancellationToken ct)
    {
        var artifacts = await DevnetContracts.LoadAsync(logger, ct);
        var wallets = deployment.Chains.ToDictionary(c => c.ChainId, c => new DevnetWallet(c, DevnetAccounts.Messaging, logger));
        var chains = await Task.WhenAll(deployment.Chains.Select(c => PrepareChainAsync(deployment, artifacts, wallets[c.ChainId], ct)));
        await Task.WhenAll(chains.SelectMany(local => chains.Where(r => r.Chain.ChainId != local.Chain.ChainId).Select(remote =>
            wallets[local.Chain.ChainId].SendAsync(local.App, new SetPeerFunction { Eid = remote.LayerZeroEid, Peer = MessagingContracts.Word(remote.App) },
                MessagingContracts.ConfigureGas, BigInteger.Zero, ct))));
        foreach (var chain in chains)
        {
            logger.LogInformation("Messaging apps on {Chain}: app {App}, idle app {Idle}, LayerZero executor {Executor}",
                chain.Chain.Name, chain.App, chain.IdleApp, chain.Executor);
        }

        return new MessagingDevnet(chains, wallets);
    }

    private static async Task<MessagingChain> PrepareChainAsync(DevnetDeployment deployment, DevnetContracts artifacts, DevnetWallet wallet, CancellationToken ct)
    {
        var chain = wallet.Chain;
        string Only(string kind) =>
            deployment.Contracts.SingleOrDefault(c => c.ChainId == chain.ChainId && c.Kind == kind)?.Address
            ?? throw new InvalidOperationException($"The devnet has no {kind} on {chain.Name}: are the Hyperlane, CCTP and LayerZero bridges in DevnetBridges.All?");

        var mailbox = Only(HyperlaneDeployments.MailboxKind);
        var transmitterV1 = Only(CctpDeployments.MessageTransmitterKind);
        var messengerV1 = Only(CctpV1Module.TokenMessengerKind);
        var transmitterV2 = Only(CctpV2Module.MessageTransmitterKind);
        var endpoint = Only(LayerZeroV2Deployments.EndpointKind);
        var usdc = await MessagingContracts.QueryAsync<LocalTokenFunction, string>(wallet, messengerV1, new LocalTokenFunction());
        var owner = wallet.Address;
        var deployed = await Task.WhenAll(
            wallet.DeployAsync(artifacts[MessagingContracts.App], MessagingContracts.DeployGas, ct, owner, mailbox, transmitterV1, transmitterV2, endpoint),
            wallet.DeployAsync(artifacts[MessagingContracts.App], MessagingContracts.DeployGas, ct, owner, mailbox, transmitterV1, transmitterV2, endpoint),
            wallet.DeployAsync(artifacts[MessagingContracts.LayerZeroExecutor], MessagingContracts.DeployGas, ct, endpoint, owner));
        return new MessagingChain(
            chain,
            MessagingDomains.Of(deployment, chain.ChainId, HyperlaneDomains.Space),
            MessagingDomains.Of(deployment, chain.ChainId, CctpDomains.Space),
            MessagingDomains.Of(deployment, chain.ChainId, LayerZeroEids.Space),
            mailbox,
            Only(HyperlaneModule.TokenRouterKind),
            usdc,
            transmitterV1,
            messengerV1,
            transmitterV2,
            Only(CctpV2Module.TokenMessengerKind),
            endpoint,
            Only(LayerZeroV2Module.OftKind),
            deployed[0].ContractAddress,
            deployed[1].ContractAddress,
            deployed[2].ContractAddress);
    }

    /// <summary>An app message body: the tag (the receiver may block it) and a salt that keeps otherwise equal messages apart.</summary>
    public static byte[] AppBody(BigInteger tag, ReadOnlySpan<byte> salt)
    {
        var body = new byte[32 + salt.Length];
        Hash32.FromBigInteger(tag).CopyTo(body);
        salt.CopyTo(body.AsSpan(32));
        return body;
    }

    /// <summary>OptionsBuilder.newOptions().addExecutorLzReceiveOption(gas, 0): type 3, executor worker, lzReceive gas.</summary>
    public static byte[] ExecutorLzReceiveOption(ulong gas)
    {
        var options = new byte[22];
        options[1] = 3;          // TYPE_3
        options[2] = 1;          // executor worker id
        options[4] = 17;         // option length (type byte + uint128)
        options[5] = 1;          // OPTION_TYPE_LZRECEIVE
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(options.AsSpan(14), gas);
        return options;
    }

    // ---------------------------------------------------------------- sending

    /// <summary>App to app through the Hyperlane Mailbox.</summary>
    public async Task<SentCrossChainMessage> SendHyperlaneAsync(long from, long to, byte[] body, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new AppDispatchHyperlaneFunction { Destination = destination.HyperlaneDomain, Recipient = MessagingContracts.Word(destination.App), Body = body };
        var receipt = await _wallets[from].SendAsync(source.App, call, SendGas, BigInteger.Zero, ct);
        return ReadDispatch(receipt, from, to, MessagingKind.AppMessage, Address.Zero, BigInteger.Zero, TagOf(body));
    }

    /// <summary>A warp-route transfer of the synthetic hETH to <paramref name="recipient"/> on the destination.</summary>
    public async Task<SentCrossChainMessage> SendWarpAsync(long from, long to, string recipient, BigInteger amount, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new TransferRemoteFunction { Destination = destination.HyperlaneDomain, Recipient = MessagingContracts.Word(recipient), AmountOrId = amount };
        var receipt = await _wallets[from].SendAsync(source.WarpRouter, call, SendGas, BigInteger.Zero, ct);
        return ReadDispatch(receipt, from, to, MessagingKind.WarpTransfer, Address.Parse(source.WarpRouter), amount, null);
    }

    /// <summary>CCTP v1: burn USDC for <paramref name="recipient"/> on the destination (TokenMessenger.depositForBurn).</summary>
    public async Task<SentCrossChainMessage> SendCctpBurnAsync(long from, long to, string recipient, BigInteger amount, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new DepositForBurnFunction { Amount = amount, DestinationDomain = destination.CctpDomain, MintRecipient = MessagingContracts.Word(recipient), BurnToken = source.Usdc };
        var receipt = await _wallets[from].SendAsync(source.MessengerV1, call, SendGas, BigInteger.Zero, ct);
        return ReadCctp(receipt, from, Protocol.CctpV1, to, MessagingKind.Burn, Address.Parse(source.Usdc), amount, null);
    }

    /// <summary>CCTP v1: app to app through MessageTransmitter.sendMessage.</summary>
    public async Task<SentCrossChainMessage> SendCctpMessageAsync(long from, long to, byte[] body, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new AppSendCctpFunction { DestinationDomain = destination.CctpDomain, Recipient = MessagingContracts.Word(destination.App), Body = body };
        var receipt = await _wallets[from].SendAsync(source.App, call, SendGas, BigInteger.Zero, ct);
        return ReadCctp(receipt, from, Protocol.CctpV1, to, MessagingKind.AppMessage, Address.Zero, BigInteger.Zero, TagOf(body));
    }

    /// <summary>CCTP v2: burn USDC (TokenMessengerV2.depositForBurn); a threshold of at most 1000 asks for a fast transfer.</summary>
    public async Task<SentCrossChainMessage> SendCctpV2BurnAsync(
        long from, long to, string recipient, BigInteger amount, BigInteger maxFee, uint minFinalityThreshold, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new DepositForBurnV2Function
        {
            Amount = amount,
            DestinationDomain = destination.CctpDomain,
            MintRecipient = MessagingContracts.Word(recipient),
            BurnToken = source.Usdc,
            MaxFee = maxFee,
            MinFinalityThreshold = minFinalityThreshold,
        };
        var receipt = await _wallets[from].SendAsync(source.MessengerV2, call, SendGas, BigInteger.Zero, ct);
        return ReadCctp(receipt, from, Protocol.CctpV2, to, MessagingKind.Burn, Address.Parse(source.Usdc), amount, null);
    }

    /// <summary>CCTP v2: app to app through MessageTransmitterV2.sendMessage.</summary>
    public async Task<SentCrossChainMessage> SendCctpV2MessageAsync(long from, long to, byte[] body, uint minFinalityThreshold, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new AppSendCctpV2Function
        {
            DestinationDomain = destination.CctpDomain, Recipient = MessagingContracts.Word(destination.App), MinFinalityThreshold = minFinalityThreshold, Body = body,
        };
        var receipt = await _wallets[from].SendAsync(source.App, call, SendGas, BigInteger.Zero, ct);
        return ReadCctp(receipt, from, Protocol.CctpV2, to, MessagingKind.AppMessage, Address.Zero, BigInteger.Zero, TagOf(body));
    }

    /// <summary>App to app (or to the destination's idle app, which can never verify it) through the LayerZero endpoint.</summary>
    public async Task<SentCrossChainMessage> SendLayerZeroAsync(long from, long to, byte[] body, bool toIdleApp, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var call = new AppSendLayerZeroFunction
        {
            DstEid = destination.LayerZeroEid,
            Receiver = MessagingContracts.Word(toIdleApp ? destination.IdleApp : destination.App),
            Message = body,
            Options = ExecutorLzReceiveOption(LzReceiveGas),
        };
        var receipt = await _wallets[from].SendAsync(source.App, call, SendGas, BigInteger.Zero, ct);
        return ReadPacket(receipt, from, to, MessagingKind.AppMessage, Address.Zero, BigInteger.Zero, TagOf(body));
    }

    /// <summary>An OFT transfer to <paramref name="recipient"/>; the amount loses its dust below the 6 shared decimals, as OFT does.</summary>
    public async Task<SentCrossChainMessage> SendOftAsync(long from, long to, string recipient, BigInteger amountLD, CancellationToken ct)
    {
        var (source, destination) = (Chain(from), Chain(to));
        var rate = BigInteger.Pow(10, 12);
        var sent = amountLD / rate * rate;
        var call = new OftSendFunction
        {
            SendParam = new OftSendParam
            {
                DstEid = destination.LayerZeroEid, To = MessagingContracts.Word(recipient), AmountLD = amountLD, MinAmountLD = sent,
                ExtraOptions = ExecutorLzReceiveOption(LzReceiveGas),
            },
            Fee = new LzMessagingFee(),
            RefundAddress = _wallets[from].Address,
        };
        var receipt = await _wallets[from].SendAsync(source.Oft, call, SendGas, BigInteger.Zero, ct);
        return ReadPacket(receipt, from, to, MessagingKind.OftTransfer, Address.Parse(source.Oft), sent, null);
    }

    private static SentCrossChainMessage ReadDispatch(TransactionReceipt receipt, long from, long to, MessagingKind kind, Address asset, BigInteger amount, BigInteger? tag)
    {
        var dispatch = receipt.DecodeAllEvents<HyperlaneDispatchEvent>().Single();
        var onChainId = new Hash32(receipt.DecodeAllEvents<HyperlaneDispatchIdEvent>().Single().Event.MessageId);
        var message = dispatch.Event.Message;
        if (!HyperlaneMessage.TryParse(message, out var parsed, out var error))
        {
            throw new InvalidOperationException($"Dispatch in {receipt.TransactionHash}: {error}");
        }

        var id = HyperlaneMessage.Id(message);
        if (id != onChainId)
        {
            throw new InvalidOperationException($"The Mailbox's DispatchId {onChainId} is not keccak256(message) {id} (tx {receipt.TransactionHash}).");
        }

        return new SentCrossChainMessage(Protocol.Hyperlane, kind, from, to, id, Tx(from, receipt), LogIndex(dispatch.Log),
            EvmAddress(parsed.Sender), EvmAddress(parsed.Recipient), asset, amount, tag, message);
    }

    private static SentCrossChainMessage ReadCctp(TransactionReceipt receipt, long from, Protocol protocol, long to, MessagingKind kind, Address asset, BigInteger amount, BigInteger? tag)
    {
        var sent = receipt.DecodeAllEvents<CctpMessageSentEvent>().Single();
        var message = sent.Event.Message;
        CctpMessage header;
        string? error;
        var parsed = protocol == Protocol.CctpV1 ? CctpMessage.TryParseV1(message, out header, out error) : CctpMessage.TryParseV2(message, out header, out error);
        if (!parsed)
        {
            throw new InvalidOperationException($"MessageSent in {receipt.TransactionHash}: {error}");
        }

        var key = protocol == Protocol.CctpV1
            ? CctpKeys.V1(header.SourceDomain, header.Nonce.LowUInt64)
            : CctpKeys.V2(header.SourceDomain, header.DestinationDomain, header.Sender, message.AsSpan(header.BodyOffset));
        return new SentCrossChainMessage(protocol, kind, from, to, key, Tx(from, receipt), LogIndex(sent.Log),
            EvmAddress(header.Sender), EvmAddress(header.Recipient), asset, amount, tag, message);
    }

    private static SentCrossChainMessage ReadPacket(TransactionReceipt receipt, long from, long to, MessagingKind kind, Address asset, BigInteger amount, BigInteger? tag)
    {
        var sent = receipt.DecodeAllEvents<LzPacketSentEvent>().Single();
        var packetBytes = sent.Event.EncodedPayload;
        if (!LayerZeroPacket.TryParse(packetBytes, out var packet, out var error))
        {
            throw new InvalidOperationException($"PacketSent in {receipt.TransactionHash}: {error}");
        }

        var guid = LayerZeroPacket.ComputeGuid(packet.Nonce, packet.SourceEid, packet.Sender, packet.DestinationEid, packet.Receiver);
        if (guid != packet.Guid)
        {
            throw new InvalidOperationException($"The endpoint's packet guid {packet.Guid} is not GUID.generate {guid} (tx {receipt.TransactionHash}).");
        }

        return new SentCrossChainMessage(Protocol.LayerZeroV2, kind, from, to, guid, Tx(from, receipt), LogIndex(sent.Log),
            EvmAddress(packet.Sender), EvmAddress(packet.Receiver), asset, amount, tag, packetBytes);
    }

    // ---------------------------------------------------------------- delivering

    /// <summary>The owner blocks (or unblocks) a tag on the app of <paramref name="chainId"/>: a blocked message reverts on delivery.</summary>
    public Task SetBlockedAsync(long chainId, BigInteger tag, bool blocked, CancellationToken ct) =>
        _wallets[chainId].SendAsync(Chain(chainId).App, new AppSetBlockedFunction { Tag = tag, Blocked = blocked }, MessagingContracts.ConfigureGas, BigInteger.Zero, ct);

    /// <summary>
    /// Delivers a message on its destination as the protocol's off-chain party would: Hyperlane's relayer calls
    /// Mailbox.process; Circle's attester signs (v2: after filling in its fields) and the relayer calls receiveMessage;
    /// LayerZero's executor calls execute302 on a verified packet (<see cref="VerifyAsync"/> first). Hyperlane and CCTP
    /// are simulated first and not sent when they would revert, and a LayerZero packet the endpoint does not call
    /// executable is not executed (<see cref="DeliveryOutcome.Refused"/>: nothing on chain).
    /// </summary>
    public async Task<DeliveryAttempt> DeliverAsync(SentCrossChainMessage message, CancellationToken ct)
    {
        var destination = Chain(message.DestinationChainId);
        var wallet = _wallets[message.DestinationChainId];
        switch (message.Protocol)
        {
            case Protocol.Hyperlane:
                return await SimulateThenSendAsync(wallet, destination.Mailbox, new MailboxProcessFunction { Metadata = [], Message = message.Payload }, ct);
            case Protocol.CctpV1:
                return await SimulateThenSendAsync(wallet, destination.TransmitterV1,
                    new CctpReceiveMessageFunction { Message = message.Payload, Attestation = CctpAttester.Sign(message.Payload) }, ct);
            case Protocol.CctpV2:
                var block = (ulong)(await wallet.Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
                var attested = CctpAttester.AttestV2(message.Payload, Hash32.Parse(message.Send.TxHash), message.SendLogIndex, block);
                return await SimulateThenSendAsync(wallet, destination.TransmitterV2,
                    new CctpReceiveMessageFunction { Message = attested, Attestation = CctpAttester.Sign(attested) }, ct);
            case Protocol.LayerZeroV2:
                return await ExecuteAsync(wallet, destination, message, ct);
            default:
                throw new ArgumentException($"{message.Protocol} is not a messaging protocol of this devnet.", nameof(message));
        }
    }

    /// <summary>LayerZero: the DVNs' verification committed on the destination (EndpointV2.verify: PacketVerified).</summary>
    public async Task<DevnetTx> VerifyAsync(SentCrossChainMessage message, CancellationToken ct)
    {
        var packet = Packet(message);
        var payload = message.Payload.AsSpan(LayerZeroPacket.GuidOffset);
        var call = new LzVerifyFunction { Origin = OriginOf(packet), Receiver = EvmAddress(packet.Receiver).ToString(), PayloadHash = Keccak256.Hash(payload).ToArray() };
        var receipt = await _wallets[message.DestinationChainId].SendAsync(Chain(message.DestinationChainId).Endpoint, call, MessagingContracts.ConfigureGas, BigInteger.Zero, ct);
        return Tx(message.DestinationChainId, receipt);
    }

    private static async Task<DeliveryAttempt> ExecuteAsync(DevnetWallet wallet, MessagingChain destination, SentCrossChainMessage message, CancellationToken ct)
    {
        var packet = Packet(message);
        var receiver = EvmAddress(packet.Receiver).ToString();
        // Executors execute only what the endpoint says is executable (verified, and every earlier nonce of the pathway too).
        var state = await MessagingContracts.QueryAsync<LzExecutableFunction, byte>(wallet, destination.Endpoint,
            new LzExecutableFunction { Origin = OriginOf(packet), Receiver = receiver });
        if (state != ExecutableState)
        {
            return new DeliveryAttempt(DeliveryOutcome.Refused, null, state == ExecutedState ? "already executed" : "not executable yet (unverified, or an earlier nonce of its pathway is)");
        }

        var call = new LzExecute302Function
        {
            ExecutionParams = new LzExecutionParams
            {
                Receiver = receiver,
                Origin = OriginOf(packet),
                Guid = packet.Guid.ToArray(),
                Message = message.Payload[LayerZeroPacket.MessageStart..],
                ExtraData = [],
                GasLimit = LzReceiveGas,
            },
        };
        var receipt = await wallet.SendAsync(destination.Executor, call, DeliverGas, BigInteger.Zero, ct);
        var topics = (receipt.Logs ?? []).Where(l => string.Equals(l.Address, destination.Endpoint, StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Topics is { Length: > 0 } t ? Hash32.Parse(t[0]!.ToString()!) : Hash32.Zero).ToList();
        if (topics.Contains(PacketDeliveredTopic))
        {
            return new DeliveryAttempt(DeliveryOutcome.Delivered, Tx(destination.Chain.ChainId, receipt), null);
        }

        return topics.Contains(LzReceiveAlertTopic)
            ? new DeliveryAttempt(DeliveryOutcome.Failed, Tx(destination.Chain.ChainId, receipt), "lzReceive reverted (LzReceiveAlert)")
            : throw new InvalidOperationException($"execute302 {receipt.TransactionHash} emitted neither PacketDelivered nor LzReceiveAlert.");
    }

    private static async Task<DeliveryAttempt> SimulateThenSendAsync<TFunction>(DevnetWallet wallet, string contract, TFunction call, CancellationToken ct)
        where TFunction : FunctionMessage, new()
    {
        var input = call.CreateCallInput(contract);
        input.From = wallet.Address;
        try
        {
            await wallet.Web3.Eth.Transactions.Call.SendRequestAsync(input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DeliveryAttempt(DeliveryOutcome.Refused, null, ex.Message);
        }

        var receipt = await wallet.SendAsync(contract, call, DeliverGas, BigInteger.Zero, ct);
        return new DeliveryAttempt(DeliveryOutcome.Delivered, Tx(wallet.Chain.ChainId, receipt), null);
    }

    // ---------------------------------------------------------------- helpers

    private static LayerZeroPacket Packet(SentCrossChainMessage message) =>
        message.Protocol == Protocol.LayerZeroV2 && LayerZeroPacket.TryParse(message.Payload, out var packet, out _)
            ? packet
            : throw new ArgumentException("Not a LayerZero packet.", nameof(message));

    private static LzOrigin OriginOf(LayerZeroPacket packet) => new() { SrcEid = packet.SourceEid, Sender = packet.Sender.ToArray(), OriginNonce = packet.Nonce };

    private static BigInteger? TagOf(byte[] body) => body.Length >= 32 ? new BigInteger(body.AsSpan(0, 32), isUnsigned: true, isBigEndian: true) : null;

    private static Address EvmAddress(Hash32 word) => TopicWords.TryAddress(word, out var address) ? address : Address.Zero;

    private static int LogIndex(FilterLog log) => (int)log.LogIndex.Value;

    private static DevnetTx Tx(long chainId, TransactionReceipt receipt) => new(chainId, receipt.TransactionHash, MessagingContracts.BlockOf(receipt));
}
