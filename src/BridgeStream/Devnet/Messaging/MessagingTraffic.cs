using System.Numerics;
using BridgeStream.Core.Events;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Messaging;

/// <summary>
/// Continuous Hyperlane, CCTP and LayerZero traffic for `up`: about <see cref="DefaultMessagesPerSecond"/> messages a second
/// on random routes, three in four between two rollups (L2 to L2) and the rest between the L1 and a rollup (either
/// way): Hyperlane app messages and warp transfers, CCTP v1 burns and messages, CCTP v2 fast and standard burns and
/// messages, LayerZero app messages and OFT transfers. Each is delivered by the devnet's stand-in for the protocol's
/// off-chain party after a delay (seconds, compressed from mainnet's minutes: CCTP's attestation waits for finality,
/// LayerZero's DVNs for confirmations), LayerZero in two steps (verified, then executed). Deliberate trouble, in the
/// fractions of <see cref="SimulatorOptions"/>: app messages whose receiver reverts at first (Hyperlane and CCTP:
/// the relayer's simulation refuses, nothing lands; LayerZero: LzReceiveAlert on chain), retried after ReplayDelay
/// once unblocked; messages never delivered; LayerZero packets verified but never executed.
/// </summary>
public sealed class MessagingTraffic : IDevnetTraffic
{
    public const double DefaultMessagesPerSecond = 2;
    private const double L2ToL2Fraction = 0.75;
    private const int MaxConsecutiveErrors = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StatsEvery = TimeSpan.FromMinutes(1);

    private readonly double _messagesPerSecond;

    public MessagingTraffic(double messagesPerSecond = DefaultMessagesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messagesPerSecond);
        _messagesPerSecond = messagesPerSecond;
    }

    public string Name => "Hyperlane, CCTP and LayerZero";

    /// <summary>Runs until cancelled; then waits for the steps under way (their transactions land or are never sent) and returns.</summary>
    public async Task RunAsync(DevnetDeployment deployment, SimulatorOptions options, ILogger logger, CancellationToken ct)
    {
        options.Validate();
        var devnet = await MessagingDevnet.PrepareAsync(deployment, logger, ct);
        var run = new Run(devnet, options, deployment.L1ChainId, _messagesPerSecond, logger);
        await run.ExecuteAsync(ct);
    }

    private enum Fate
    {
        Delivered,
        FailsFirst,
        Lost,
        VerifiedOnly,
    }

    private sealed class Run(MessagingDevnet devnet, SimulatorOptions options, long l1ChainId, double messagesPerSecond, ILogger logger)
    {
        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

        private readonly Random _random = new(options.Seed);
        private readonly PriorityQueue<Func<CancellationToken, Task>, DateTime> _due = new();
        private readonly SemaphoreSlim _inFlight = new(8, 8);
        private readonly Lock _lock = new();
        private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
        private int _consecutiveErrors;
        private int _running;

        public async Task ExecuteAsync(CancellationToken ct)
        {
            var interval = TimeSpan.FromSeconds(1 / messagesPerSecond);
            var nextSend = DateTime.UtcNow;
            var nextStats = DateTime.UtcNow + StatsEvery;
            while (!ct.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                if (now >= nextSend)
                {
                    nextSend += interval;
                    Start(SendOneAsync, ct);
                }

                foreach (var action in TakeDue(now))
                {
                    Start(action, ct);
                }

                if (now >= nextStats)
                {
                    nextStats += StatsEvery;
                    logger.LogInformation("Messaging traffic: {Counts}", Counts());
                }

                if (Volatile.Read(ref _consecutiveErrors) >= MaxConsecutiveErrors)
                {
                    throw new InvalidOperationException($"Messaging traffic stopped after {MaxConsecutiveErrors} consecutive failures; is the devnet still running?");
                }

                try
                {
                    await Task.Delay(Tick, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var drainUntil = DateTime.UtcNow + DrainTimeout;
            while (Volatile.Read(ref _running) > 0 && DateTime.UtcNow < drainUntil)
            {
                await Task.Delay(Tick, CancellationToken.None);
            }

            logger.LogInformation("Messaging traffic stopped: {Counts}", Counts());
        }

        private void Start(Func<CancellationToken, Task> step, CancellationToken ct)
        {
            Interlocked.Increment(ref _running);
            _ = GuardAsync(step, ct);
        }

        private async Task GuardAsync(Func<CancellationToken, Task> step, CancellationToken ct)
        {
            try
            {
                await _inFlight.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Decrement(ref _running);
                return;
            }

            try
            {
                await step(ct);
                Interlocked.Exchange(ref _consecutiveErrors, 0);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                var consecutive = Interlocked.Increment(ref _consecutiveErrors);
                Count("errors");
                logger.LogWarning(ex, "Messaging traffic step failed ({Consecutive} in a row)", consecutive);
            }
            finally
            {
                _inFlight.Release();
                Interlocked.Decrement(ref _running);
            }
        }

        private async Task SendOneAsync(CancellationToken ct)
        {
            var (from, to) = PickRoute();
            var roll = Next();
            var fate = roll < options.LostFraction ? Fate.Lost
                : roll < options.LostFraction + options.FailFraction ? Fate.FailsFirst
                : Fate.Delivered;
            var scenario = Pick(8);
            var message = scenario switch
            {
                0 => await SendAppAsync(Protocol.Hyperlane, from, to, fate, ct),
                1 => await devnet.SendWarpAsync(from, to, RandomAddress(), RandomAmount(18), ct),
                2 => await devnet.SendCctpBurnAsync(from, to, RandomAddress(), RandomAmount(6), ct),
                3 => await SendAppAsync(Protocol.CctpV1, from, to, fate, ct),
                4 => await SendCctpV2BurnAsync(from, to, ct),
                5 => await SendAppAsync(Protocol.CctpV2, from, to, fate, ct),
                6 => await SendAppAsync(Protocol.LayerZeroV2, from, to, fate, ct),
                _ => await devnet.SendOftAsync(from, to, RandomAddress(), RandomAmount(18), ct),
            };
            if (message.Kind != MessagingKind.AppMessage && fate == Fate.FailsFirst)
            {
                fate = Fate.Delivered; // token transfers go to plain addresses, which never revert
            }

            if (message.Protocol == Protocol.LayerZeroV2 && message.Kind != MessagingKind.AppMessage && fate == Fate.Lost)
            {
                // An unverified OFT packet would stall its pathway (EndpointV2 executes a pathway's nonces only once every
                // earlier one is verified): only packets to the idle app go unverified; an OFT transfer is left unexecuted.
                fate = Fate.VerifiedOnly;
            }
            else if (message.Protocol == Protocol.LayerZeroV2 && fate == Fate.Delivered && Next() < options.LostFraction)
            {
                fate = Fate.VerifiedOnly;
            }

            Count($"{message.Protocol} sent");
            Plan(message, fate);
        }

        private async Task<SentCrossChainMessage> SendAppAsync(Protocol protocol, long from, long to, Fate fate, CancellationToken ct)
        {
            var tag = new BigInteger(RandomBytes(16), isUnsigned: true);
            var body = MessagingDevnet.AppBody(tag, RandomBytes(32));
            if (fate == Fate.FailsFirst)
            {
                await devnet.SetBlockedAsync(to, tag, blocked: true, ct);
            }

            return protocol switch
            {
                Protocol.Hyperlane => await devnet.SendHyperlaneAsync(from, to, body, ct),
                Protocol.CctpV1 => await devnet.SendCctpMessageAsync(from, to, body, ct),
                Protocol.CctpV2 => await devnet.SendCctpV2MessageAsync(from, to, body, Next() < 0.5 ? CctpAttester.FinalityConfirmed : CctpAttester.FinalityFinalized, ct),
                _ => await devnet.SendLayerZeroAsync(from, to, body, toIdleApp: fate == Fate.Lost, ct),
            };
        }

        private Task<SentCrossChainMessage> SendCctpV2BurnAsync(long from, long to, CancellationToken ct)
        {
            var amount = RandomAmount(6);
            var fast = Next() < 0.5;
            return fast
                ? devnet.SendCctpV2BurnAsync(from, to, RandomAddress(), amount, amount / 1000, CctpAttester.FinalityConfirmed, ct)
                : devnet.SendCctpV2BurnAsync(from, to, RandomAddress(), amount, BigInteger.Zero, CctpAttester.FinalityFinalized, ct);
        }

        // When each step of a message happens. Delays differ per protocol, as on mainnet (compressed to seconds).
        private void Plan(SentCrossChainMessage message, Fate fate)
        {
            if (fate == Fate.Lost)
            {
                Count($"{message.Protocol} never delivered");
                return;
            }

            var now = DateTime.UtcNow;
            if (message.Protocol == Protocol.LayerZeroV2)
            {
                var verifyAt = now + Delay(0.5);
                Schedule(verifyAt, async ct =>
                {
                    await devnet.VerifyAsync(message, ct);
                    Count("LayerZeroV2 verified");
                    if (fate == Fate.VerifiedOnly)
                    {
                        Count("LayerZeroV2 never executed");
                        return;
                    }

                    Schedule(DateTime.UtcNow + Delay(0.3), ct2 => DeliverAsync(message, fate == Fate.FailsFirst, ct2));
                });
                return;
            }

            var scale = message.Protocol == Protocol.Hyperlane ? 1.0 : message.Protocol == Protocol.CctpV1 ? 2.0 : IsFastCctpV2(message) ? 0.3 : 1.5;
            Schedule(now + Delay(scale), ct => DeliverAsync(message, fate == Fate.FailsFirst, ct));
        }

        private async Task DeliverAsync(SentCrossChainMessage message, bool failsFirst, CancellationToken ct)
        {
            var attempt = await devnet.DeliverAsync(message, ct);
            Count($"{message.Protocol} {attempt.Outcome.ToString().ToLowerInvariant()}");
            if (attempt.Outcome == DeliveryOutcome.Delivered)
            {
                return;
            }

            if (!failsFirst)
            {
                logger.LogWarning("{Protocol} message {Key} was not delivered: {Reason}", message.Protocol, message.Key, attempt.Reason);
            }

            // The receiver is fixed (unblocked) and the relayer / executor tries again later.
            Schedule(DateTime.UtcNow + options.ReplayDelay, async ct2 =>
            {
                if (message.Tag is { } tag)
                {
                    await devnet.SetBlockedAsync(message.DestinationChainId, tag, blocked: false, ct2);
                }

                await DeliverAsync(message, failsFirst: false, ct2);
            });
        }

        private static bool IsFastCctpV2(SentCrossChainMessage message) =>
            message.Protocol == Protocol.CctpV2 && message.Payload.Length >= 144
            && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(message.Payload.AsSpan(140)) <= CctpAttester.FinalityConfirmed;

        private (long From, long To) PickRoute()
        {
            var rollups = devnet.Chains.Select(c => c.Chain.ChainId).Where(id => id != l1ChainId).ToList();
            if (rollups.Count >= 2 && Next() < L2ToL2Fraction)
            {
                var from = rollups[Pick(rollups.Count)];
                var others = rollups.Where(id => id != from).ToList();
                return (from, others[Pick(others.Count)]);
            }

            var rollup = rollups[Pick(rollups.Count)];
            return Next() < 0.5 ? (l1ChainId, rollup) : (rollup, l1ChainId);
        }

        private TimeSpan Delay(double scale)
        {
            var min = options.MinRelayDelay.TotalSeconds * scale;
            var max = options.MaxRelayDelay.TotalSeconds * scale;
            return TimeSpan.FromSeconds(min + (Next() * (max - min)));
        }

        private void Schedule(DateTime at, Func<CancellationToken, Task> action)
        {
            lock (_lock)
            {
                _due.Enqueue(action, at);
            }
        }

        private List<Func<CancellationToken, Task>> TakeDue(DateTime now)
        {
            var due = new List<Func<CancellationToken, Task>>();
            lock (_lock)
            {
                while (_due.TryPeek(out _, out var at) && at <= now)
                {
                    due.Add(_due.Dequeue());
                }
            }

            return due;
        }

        private void Count(string what)
        {
            lock (_lock)
            {
                _counts[what] = _counts.GetValueOrDefault(what) + 1;
            }
        }

        private string Counts()
        {
            lock (_lock)
            {
                return string.Join(", ", _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
            }
        }

        private double Next()
        {
            lock (_lock)
            {
                return _random.NextDouble();
            }
        }

        private int Pick(int count)
        {
            lock (_lock)
            {
                return _random.Next(count);
            }
        }

        private byte[] RandomBytes(int length)
        {
            var bytes = new byte[length];
            lock (_lock)
            {
                _random.NextBytes(bytes);
            }

            return bytes;
        }

        private string RandomAddress() => Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.ToHex(RandomBytes(20), prefix: true);

        // Between 1 and 50,000 whole tokens, to the token's smallest unit (so that no two transfers look alike).
        private BigInteger RandomAmount(int decimals)
        {
            long units;
            lock (_lock)
            {
                units = _random.NextInt64(1_000_000, 50_000_000_000);
            }

            return units * BigInteger.Pow(10, decimals - 6);
        }
    }
}
