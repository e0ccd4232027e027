using System.Collections.Concurrent;
using System.Numerics;
using System.Text.Json;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging.Abstractions;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Core.Protocols.OpStackPortal;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace BridgeStream.Devnet;

/// <summary>
/// The devnet's op-node, for deposits: reads an L1 transaction's OptimismPortal TransactionDeposited logs, derives each
/// deposit transaction exactly as op-node does (the core's <see cref="TransactionDepositedLog"/>: source hash from the L1
/// block hash and log index, then the 0x7E encoding) and submits it to the L2 with eth_sendRawTransaction (anvil
/// --network optimism executes it like op-geth: from the given sender, minting the deposited ETH, without signature or fee).
/// Differences from the real op-node: it submits a deposit when asked (the simulator decides a compressed, randomized
/// derivation delay) rather than all deposits of an L1 block in the next L2 epoch, in L1 order; there is no L1
/// attributes system deposit; each deposit is included once per canonical L2 chain (it refuses one already included); and
/// each deposit gets a block of its own, mined at once (see <see cref="IncludeAsync"/> for the anvil pool quirks behind that).
/// </summary>
internal sealed class DevnetOpNode
{
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(120);

    private readonly DevnetDeployment _deployment;
    private readonly ConcurrentDictionary<long, Web3> _nodes = new();
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _submitLocks = new();
    private readonly ConcurrentDictionary<long, JsonRpcClient> _rpcs = new();
    private static readonly HttpClient Http = new();

    public DevnetOpNode(DevnetDeployment deployment) => _deployment = deployment;

    /// <summary>The deposit transactions the portal of <paramref name="l2ChainId"/> announced in this L1 receipt, in log order.</summary>
    public IReadOnlyList<DerivedDeposit> Derive(long l2ChainId, TransactionReceipt l1Receipt)
    {
        var portal = Address.Parse(_deployment.PortalFor(l2ChainId).Address);
        var derived = new List<DerivedDeposit>();
        foreach (var log in (l1Receipt.Logs ?? []).Select(l => ToRawLog((ulong)_deployment.L1ChainId, l)))
        {
            if (log.Address != portal || log.Topic0 != OpStackPortalSignatures.TransactionDeposited)
            {
                continue;
            }

            var error = TransactionDepositedLog.TryDecode(log, out var deposit);
            if (error is not null)
            {
                throw new InvalidOperationException($"The devnet portal emitted a TransactionDeposited op-node would reject: {error}");
            }

            derived.Add(new DerivedDeposit(
                l2ChainId, l1Receipt.TransactionHash, (long)l1Receipt.BlockNumber.Value, deposit.Hash().ToString(), deposit.Encode(),
                deposit.From.ToString(), deposit.To?.ToString(), deposit.Mint.ToBigInteger(), deposit.Value.ToBigInteger(), deposit.Gas,
                deposit.Data.ToArray(), CrossDomainMessageHash.OfRelayCall(deposit.Data.Span).ToString()));
        }

        return derived;
    }

    /// <summary>
    /// Includes the deposit on its L2 and returns its receipt (status 0 = the execution failed; the deposit is included anyway).
    /// anvil keeps a mined deposit in its transaction pool (deposits skip the nonce check that prunes mined transactions)
    /// and would mine it again in a later block, so each deposit is mined in a block of its own, with the chain's mining
    /// paused (automine or interval, restored afterwards), and dropped from the pool before mining resumes. One deposit at a
    /// time per L2: anvil also pools a deposit under its sender's nonce, so two pending ones from one sender would collide.
    /// </summary>
    public async Task<TransactionReceipt> IncludeAsync(DerivedDeposit deposit, CancellationToken ct)
    {
        var node = Node(deposit.L2ChainId);
        var rpc = Rpc(deposit.L2ChainId);
        var gate = _submitLocks.GetOrAdd(deposit.L2ChainId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var existing = await node.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(deposit.L2TxHash).ConfigureAwait(false);
            if (existing is not null)
            {
                throw new InvalidOperationException(
                    $"Deposit {deposit.L2TxHash} is already included in block {existing.BlockNumber.Value} of chain {deposit.L2ChainId}: op-node derives each deposit once.");
            }

            var automine = Result(await rpc.CallAsync("anvil_getAutomine", "[]", ct).ConfigureAwait(false)).GetBoolean();
            var interval = automine ? null : Result(await rpc.CallAsync("anvil_getIntervalMining", "[]", ct).ConfigureAwait(false)) is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : (long?)null;
            await rpc.CallAsync(automine ? "evm_setAutomine" : "evm_setIntervalMining", automine ? "[false]" : "[0]", ct).ConfigureAwait(false);
            try
            {
                var hash = await node.Eth.Transactions.SendRawTransaction.SendRequestAsync(deposit.RawTransaction.ToHex(prefix: true)).ConfigureAwait(false);
                if (!string.Equals(hash, deposit.L2TxHash, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"Chain {deposit.L2ChainId} hashed deposit {deposit.L2TxHash} as {hash}: the 0x7E encoding disagrees.");
                }

                await rpc.CallAsync("evm_mine", "[]", ct).ConfigureAwait(false);
                await rpc.CallAsync("anvil_dropTransaction", $"[\"{deposit.L2TxHash}\"]", ct).ConfigureAwait(false);
            }
            finally
            {
                if (automine)
                {
                    await rpc.CallAsync("evm_setAutomine", "[true]", CancellationToken.None).ConfigureAwait(false);
                    // Transactions other accounts sent while mining was paused would otherwise wait for the next one.
                    var pool = Result(await rpc.CallAsync("txpool_status", "[]", CancellationToken.None).ConfigureAwait(false));
                    if (pool.GetProperty("pending").GetString() is { } pending && pending != "0x0")
                    {
                        await rpc.CallAsync("evm_mine", "[]", CancellationToken.None).ConfigureAwait(false);
                    }
                }
                else if (interval is > 0)
                {
                    await rpc.CallAsync("evm_setIntervalMining", $"[{interval}]", CancellationToken.None).ConfigureAwait(false);
                }
            }

            return await WaitForReceiptAsync(node, deposit, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static JsonElement Result(ReadOnlyMemory<byte> answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.TryGetProperty("result", out var result)
            ? result.Clone()
            : throw new InvalidOperationException($"anvil answered {System.Text.Encoding.UTF8.GetString(answer.Span)}");
    }

    private JsonRpcClient Rpc(long chainId) =>
        _rpcs.GetOrAdd(chainId, id => new JsonRpcClient(Http, [_deployment.Chain(id).RpcUrl], (ulong)id, NullLogger.Instance));

    public static DepositExecution Execution(DerivedDeposit deposit, TransactionReceipt receipt) =>
        new(deposit.L2ChainId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, receipt.Status?.Value == BigInteger.One);

    /// <summary>A Nethereum receipt log as the core reads logs.</summary>
    public static RawLog ToRawLog(ulong chainId, FilterLog log) => new()
    {
        ChainId = chainId,
        BlockNumber = (ulong)log.BlockNumber.Value,
        BlockHash = Hash32.Parse(log.BlockHash),
        TransactionHash = Hash32.Parse(log.TransactionHash),
        LogIndex = (uint)log.LogIndex.Value,
        Address = Address.Parse(log.Address),
        Topics = [.. (log.Topics ?? []).Select(t => Hash32.Parse(t.ToString()!))],
        Data = Hex.Decode(log.Data ?? "0x"),
    };

    private Web3 Node(long chainId) => _nodes.GetOrAdd(chainId, id => new Web3(_deployment.Chain(id).RpcUrl));

    private static async Task<TransactionReceipt> WaitForReceiptAsync(Web3 node, DerivedDeposit deposit, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReceiptTimeout;
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            var receipt = await node.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(deposit.L2TxHash).ConfigureAwait(false);
            if (receipt is not null)
            {
                return receipt;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Deposit {deposit.L2TxHash} was not included on chain {deposit.L2ChainId} within {ReceiptTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
