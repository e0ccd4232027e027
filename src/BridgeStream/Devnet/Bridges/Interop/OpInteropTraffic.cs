using System.Numerics;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Bridges.Interop;

/// <summary>
/// Continuous OP interop traffic for `up`, kept modest (one message every <see cref="DefaultInterval"/>, alternating
/// directions between the OP Stack chains): each SentMessage is relayed on its destination by the devnet relayer as
/// soon as the send's receipt is in, which lands in the destination's same or next block, and one message in
/// <see cref="LateEvery"/> is relayed deliberately 2 to 5 destination blocks late, so that the send -> relay distribution is
/// not trivial. DEVNET STAND-IN: a real interop set needs op-supervisor (it validates the initiating log before the
/// destination's sequencer includes the executing message) and a relayer such as op-interop-relayer; here the devnet
/// relayer reads the log itself and nothing verifies it.
/// </summary>
public sealed class OpInteropTraffic : IDevnetTraffic
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    public const int LateEvery = 5;
    private const int MaxConsecutiveErrors = 20;
    private static readonly TimeSpan StatsEvery = TimeSpan.FromMinutes(1);

    public string Name => "OP Superchain interop";

    public async Task RunAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        if (OpInteropDevnet.TryPrepare(deployment, logger) is not { } devnet)
        {
            logger.LogInformation("OP interop traffic: fewer than two OP Stack chains, nothing to do");
            return;
        }

        var random = new Random(options.Seed + 8);
        var chains = devnet.Chains.Select(c => c.Chain.ChainId).Order().ToList();
        var relays = new List<Task>();
        var errors = 0;
        long sent = 0, relayed = 0, late = 0;
        var nextStats = DateTime.UtcNow + StatsEvery;
        for (var i = 0L; !ct.IsCancellationRequested; i++)
        {
            try
            {
                var from = chains[(int)(i % chains.Count)];
                var to = chains[(int)((i + 1) % chains.Count)];
                var body = new byte[32];
                random.NextBytes(body);
                var message = await devnet.SendAsync(from, to, OpInteropDevnet.TargetCall(new BigInteger(i), body), ct);
                sent++;
                var lateBlocks = i % LateEvery == LateEvery - 1 ? random.Next(2, 6) : 0;
                late += lateBlocks > 0 ? 1 : 0;
                relays.Add(RelayAsync(devnet, message, lateBlocks, logger, ct).ContinueWith(t => Interlocked.Increment(ref relayed), TaskContinuationOptions.OnlyOnRanToCompletion));
                relays.RemoveAll(t => t.IsCompleted);
                errors = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "OP interop traffic step failed ({Consecutive} in a row)", ++errors);
                if (errors >= MaxConsecutiveErrors)
                {
                    throw new InvalidOperationException($"OP interop traffic stopped after {MaxConsecutiveErrors} consecutive failures; is the devnet still running?", ex);
                }
            }

            if (DateTime.UtcNow >= nextStats)
            {
                nextStats += StatsEvery;
                logger.LogInformation("OP interop traffic: sent {Sent}, relayed {Relayed} ({Late} of them late)", sent, Interlocked.Read(ref relayed), late);
            }

            try
            {
                await Task.Delay(DefaultInterval, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(relays.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        logger.LogInformation("OP interop traffic stopped: sent {Sent}, relayed {Relayed}", sent, Interlocked.Read(ref relayed));
    }

    // A late relay waits until the destination has mined lateBlocks more blocks (with `up`'s interval mining; an
    // automining chain mines only on transactions, so there it waits the same number of seconds instead).
    private static async Task RelayAsync(OpInteropDevnet devnet, InteropMessage message, int lateBlocks, ILogger logger, CancellationToken ct)
    {
        try
        {
            if (lateBlocks > 0)
            {
                var web3 = devnet.Chain(message.DestinationChainId).Wallet.Web3;
                var start = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(lateBlocks);
                while ((long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value < start + lateBlocks && DateTime.UtcNow < until)
                {
                    await Task.Delay(200, ct);
                }
            }

            await devnet.RelayAsync(message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "OP interop relay of {Hash} failed", message.Hash);
            throw;
        }
    }
}
