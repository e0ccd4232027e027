using System.Numerics;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.Linea;
using BridgeStream.Devnet.Bridges.Anvil;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace BridgeStream.Devnet.Bridges.Linea;

/// <summary>
/// Drives Linea messages on the devnet step by step (tests call the steps; <see cref="ZkRollupTraffic"/> chains them):
/// L1 -> L2 (sendMessage on the L1 service, the coordinator's anchoring on L2, then claimMessage on L2) and L2 -> L1
/// (sendMessage on L2, then claimMessageWithProof on L1, whose proof the devnet does not check). Every step is sent from
/// <see cref="DevnetAccounts.ZkRollups"/>, which plays the user, the coordinator and the postman (the claimer). The
/// message hash is the one the contract emitted; nothing here computes it.
/// </summary>
internal sealed class LineaSimulator
{
    private readonly DevnetDeployment _deployment;
    private readonly AccountWallets _wallets;

    public LineaSimulator(AccountWallets wallets)
    {
        _deployment = wallets.Deployment;
        _wallets = wallets;
    }

    /// <summary>The Linea rollups of the devnet.</summary>
    public IReadOnlyList<long> Rollups =>
        [.. _deployment.ContractsOfKind(LineaDeployments.L1Kind).Where(c => c.ChainId == _deployment.L1ChainId).Select(c => c.CounterpartyChainId)];

    public Task<LineaMessage> SendDepositAsync(long l2ChainId, string to, BigInteger fee, BigInteger value, byte[] calldata, CancellationToken ct) =>
        SendAsync(_deployment.L1ChainId, L1Service(l2ChainId).Address, l2ChainId, to, fee, value, calldata, ct);

    public Task<LineaMessage> SendWithdrawalAsync(long l2ChainId, string to, BigInteger fee, BigInteger value, byte[] calldata, CancellationToken ct) =>
        SendAsync(l2ChainId, L2Service(l2ChainId).Address, _deployment.L1ChainId, to, fee, value, calldata, ct);

    /// <summary>The coordinator anchors L1 -> L2 message hashes on the L2 (what makes them claimable there).</summary>
    public async Task AnchorAsync(long l2ChainId, IReadOnlyList<LineaMessage> deposits, CancellationToken ct)
    {
        var call = new LineaAnchorFunction { MessageHashes = [.. deposits.Select(d => d.Hash.ToArray())] };
        await _wallets.On(l2ChainId).SendAsync(L2Service(l2ChainId).Address, call, 100_000 + (30_000 * deposits.Count), BigInteger.Zero, ct);
    }

    /// <summary>Claims an anchored deposit on its L2 (the fee goes to the claimer).</summary>
    public Task<LineaClaim> ClaimDepositAsync(LineaMessage deposit, CancellationToken ct)
    {
        var call = new LineaClaimMessageFunction
        {
            MessageFrom = deposit.From, To = deposit.To, Fee = deposit.Fee, MessageValue = deposit.Value, FeeRecipient = ZeroAddress,
            Calldata = deposit.Calldata, MessageNumber = deposit.MessageNumber,
        };
        return ClaimAsync(deposit, L2Service(deposit.DestinationChainId).Address, call, ct);
    }

    /// <summary>Claims a withdrawal on the L1 with an empty proof (not checked on the devnet).</summary>
    public Task<LineaClaim> ClaimWithdrawalAsync(LineaMessage withdrawal, CancellationToken ct)
    {
        var call = new LineaClaimMessageWithProofFunction
        {
            Params = new LineaClaimWithProofParams
            {
                MessageNumber = withdrawal.MessageNumber, MessageFrom = withdrawal.From, To = withdrawal.To, Fee = withdrawal.Fee,
                MessageValue = withdrawal.Value, FeeRecipient = ZeroAddress, Data = withdrawal.Calldata,
            },
        };
        return ClaimAsync(withdrawal, L1Service(withdrawal.SourceChainId).Address, call, ct);
    }

    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    private async Task<LineaMessage> SendAsync(long chainId, string service, long destinationChainId, string to, BigInteger fee, BigInteger value, byte[] calldata, CancellationToken ct)
    {
        var call = new LineaSendMessageFunction { To = to, Fee = fee, Calldata = calldata };
        var receipt = await _wallets.On(chainId).SendAsync(service, call, 150_000 + (64 * calldata.Length), fee + value, ct);
        var sent = receipt.DecodeAllEvents<LineaMessageSentEvent>().Single(e => Address.Parse(e.Log.Address) == Address.Parse(service)).Event;
        return new LineaMessage(
            chainId, destinationChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, sent.MessageFrom, sent.To, sent.Fee, sent.MessageValue,
            sent.MessageNumber, sent.Calldata, new Hash32(sent.MessageHash));
    }

    private async Task<LineaClaim> ClaimAsync<TFunction>(LineaMessage message, string service, TFunction call, CancellationToken ct)
        where TFunction : FunctionMessage, new()
    {
        var chainId = message.DestinationChainId;
        var receipt = await _wallets.On(chainId).SendAsync(service, call, 250_000 + (64 * message.Calldata.Length), BigInteger.Zero, ct);
        return ReadClaim(message, receipt, service);
    }

    private static LineaClaim ReadClaim(LineaMessage message, TransactionReceipt receipt, string service)
    {
        var emitter = Address.Parse(service);
        var claimed = new Hash32(receipt.DecodeAllEvents<LineaMessageClaimedEvent>().Single(e => Address.Parse(e.Log.Address) == emitter).Event.MessageHash);
        if (claimed != message.Hash)
        {
            throw new InvalidOperationException($"The message service claimed {claimed}, but the message's hash is {message.Hash} (tx {receipt.TransactionHash}).");
        }

        return new LineaClaim(message.DestinationChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, claimed);
    }

    private DevnetContract L1Service(long l2ChainId) =>
        _deployment.ContractsOfKind(LineaDeployments.L1Kind).FirstOrDefault(c => c.ChainId == _deployment.L1ChainId && c.CounterpartyChainId == l2ChainId)
        ?? throw new ArgumentException($"No Linea L1 message service for chain {l2ChainId} in this devnet.", nameof(l2ChainId));

    private DevnetContract L2Service(long l2ChainId) =>
        _deployment.ContractsOfKind(LineaDeployments.L2Kind).FirstOrDefault(c => c.ChainId == l2ChainId)
        ?? throw new ArgumentException($"No Linea L2MessageService on chain {l2ChainId} in this devnet.", nameof(l2ChainId));
}
