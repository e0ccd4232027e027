using BenchmarkDotNet.Attributes;
using BridgeStream.Benchmarks.Support;
using BridgeStream.Benchmarks.Workloads;
using BridgeStream.Core.Decoding;

namespace BridgeStream.Benchmarks;

/// <summary>
/// Decoding plus correlation-key hashing, per protocol: each invocation runs one protocol's batch (about 1,000
/// transactions, see <see cref="DecoderWorkloads"/>) through IProtocolDecoder.DecodeTransaction into a counting sink.
/// Mean is per log (OperationsPerInvoke = the batch's log count); Op/s is logs per second on one core.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerLogConfig))]
public class DecoderBenchmarks
{
    private readonly CountingSink _sink = new();
    private Workload _opStackMessenger = null!;
    private Workload _opStackPortal = null!;
    private Workload _opStackWithdrawal = null!;
    private Workload _arbitrumRetryable = null!;
    private Workload _arbitrumOutbox = null!;
    private Workload _hyperlane = null!;
    private Workload _cctpV1 = null!;
    private Workload _cctpV2 = null!;
    private Workload _scroll = null!;
    private Workload _layerZeroV2 = null!;
    private Workload _lineaMessageService = null!;
    private Workload _zksyncPriorityRequest = null!;
    private Workload _zksyncWithdrawal = null!;
    private Workload _opSuperchainInterop = null!;
    private Workload _settlement = null!;
    private BridgeLogDecoder _mixedDecoder = null!;
    private TransactionBatch _mixed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _opStackMessenger = Check(DecoderWorkloads.OpStackMessenger(), DecoderWorkloads.OpStackMessengerLogs);
        _opStackPortal = Check(DecoderWorkloads.OpStackPortal(), DecoderWorkloads.OpStackPortalLogs);
        _opStackWithdrawal = Check(DecoderWorkloads.OpStackWithdrawal(), DecoderWorkloads.OpStackWithdrawalLogs);
        _arbitrumRetryable = Check(DecoderWorkloads.ArbitrumRetryable(), DecoderWorkloads.ArbitrumRetryableLogs);
        _arbitrumOutbox = Check(DecoderWorkloads.ArbitrumOutbox(), DecoderWorkloads.ArbitrumOutboxLogs);
        _hyperlane = Check(DecoderWorkloads.Hyperlane(), DecoderWorkloads.HyperlaneLogs);
        _cctpV1 = Check(DecoderWorkloads.CctpV1(), DecoderWorkloads.CctpV1Logs);
        _cctpV2 = Check(DecoderWorkloads.CctpV2(), DecoderWorkloads.CctpV2Logs);
        _scroll = Check(DecoderWorkloads.Scroll(), DecoderWorkloads.ScrollLogs);
        _layerZeroV2 = Check(DecoderWorkloads.LayerZeroV2(), DecoderWorkloads.LayerZeroV2Logs);
        _lineaMessageService = Check(DecoderWorkloads.LineaMessageService(), DecoderWorkloads.LineaMessageServiceLogs);
        _zksyncPriorityRequest = Check(DecoderWorkloads.ZksyncPriorityRequest(), DecoderWorkloads.ZksyncPriorityRequestLogs);
        _zksyncWithdrawal = Check(DecoderWorkloads.ZksyncWithdrawal(), DecoderWorkloads.ZksyncWithdrawalLogs);
        _opSuperchainInterop = Check(DecoderWorkloads.OpSuperchainInterop(), DecoderWorkloads.OpSuperchainInteropLogs);
        _settlement = Check(DecoderWorkloads.Settlement(), DecoderWorkloads.SettlementLogs);

        Workload[] all = [_opStackMessenger, _opStackPortal, _opStackWithdrawal, _arbitrumRetryable, _arbitrumOutbox, _hyperlane, _cctpV1, _cctpV2, _scroll, _layerZeroV2];
        _mixed = TransactionBatch.Interleave([.. all.Select(w => w.Batch)]);
        _mixedDecoder = new BridgeLogDecoder(DecoderWorkloads.AllDecoders());
        var sink = new CountingSink();
        _mixedDecoder.Decode(_mixed.Logs, DecoderWorkloads.Context, sink);
        if (_mixed.LogCount != DecoderWorkloads.MixedLogs || sink.Rejected != 0)
        {
            throw new InvalidOperationException($"mixed batch: {_mixed.LogCount} logs (declared {DecoderWorkloads.MixedLogs}), {sink.Rejected} rejected");
        }

        Console.WriteLine($"// workload Mixed (BridgeLogDecoder, all {DecoderWorkloads.AllDecoders().Length} decoders): {_mixed.TransactionCount} tx, {_mixed.LogCount} logs, {sink.Events} events, {sink.Rejected} rejected");
    }

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.OpStackMessengerLogs)]
    public long OpStackMessenger() => Run(_opStackMessenger);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.OpStackPortalLogs)]
    public long OpStackPortal() => Run(_opStackPortal);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.OpStackWithdrawalLogs)]
    public long OpStackWithdrawal() => Run(_opStackWithdrawal);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.ArbitrumRetryableLogs)]
    public long ArbitrumRetryable() => Run(_arbitrumRetryable);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.ArbitrumOutboxLogs)]
    public long ArbitrumOutbox() => Run(_arbitrumOutbox);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.HyperlaneLogs)]
    public long Hyperlane() => Run(_hyperlane);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.CctpV1Logs)]
    public long CctpV1() => Run(_cctpV1);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.CctpV2Logs)]
    public long CctpV2() => Run(_cctpV2);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.ScrollLogs)]
    public long Scroll() => Run(_scroll);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.LayerZeroV2Logs)]
    public long LayerZeroV2() => Run(_layerZeroV2);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.LineaMessageServiceLogs)]
    public long LineaMessageService() => Run(_lineaMessageService);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.ZksyncPriorityRequestLogs)]
    public long ZksyncPriorityRequest() => Run(_zksyncPriorityRequest);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.ZksyncWithdrawalLogs)]
    public long ZksyncWithdrawal() => Run(_zksyncWithdrawal);

    [Benchmark(OperationsPerInvoke = DecoderWorkloads.OpSuperchainInteropLogs)]
    public long OpSuperchainInterop() => Run(_opSuperchainInterop);

    /// <summary>The rollup settlement decoder (all families behind SettlementLogDecoder) over a mix of OP, Arbitrum and zkSync logs.</summary>
    [Benchmark(OperationsPerInvoke = DecoderWorkloads.SettlementLogs)]
    public long Settlement() => Run(_settlement);

    /// <summary>The whole BridgeLogDecoder (every protocol decoder sees every transaction) over all batches interleaved.</summary>
    [Benchmark(OperationsPerInvoke = DecoderWorkloads.MixedLogs)]
    public long BridgeLogDecoderMixed()
    {
        _sink.Reset();
        _mixedDecoder.Decode(_mixed.Logs, DecoderWorkloads.Context, _sink);
        return _sink.Events;
    }

    private long Run(Workload workload)
    {
        _sink.Reset();
        workload.Run(_sink);
        return _sink.Events;
    }

    private static Workload Check(Workload workload, int declaredLogs)
    {
        Console.WriteLine("// workload " + workload.Verify(declaredLogs));
        return workload;
    }
}
