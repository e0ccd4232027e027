using System.Numerics;
using BenchmarkDotNet.Attributes;
using BridgeStream.Benchmarks.Support;
using BridgeStream.Benchmarks.Workloads;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols.OpStack;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace BridgeStream.Benchmarks;

/// <summary>
/// The same 500 real OP Stack sends (SentMessage + SentMessageExtension1, 1,000 logs) decoded two ways into the same
/// BridgeEvents: our span decoder (the baseline row) and Nethereum's reflection-based event decoding
/// (Event&lt;TDto&gt;.DecodeAllEvents over Nethereum.Contracts event DTOs, per transaction) with the key from Nethereum's
/// ABI encoding of the relayMessage call and Nethereum's Sha3Keccack. Each side starts from the log form its library
/// reads: our RawLog (bytes, as our RPC reader fills it) and Nethereum's FilterLog (hex strings, as Nethereum's RPC
/// layer fills it); the log positions are prepared for both. Setup checks both produce identical events.
/// NethereumDecodeOnly is a breakdown row: the DTO decoding alone, without the key and the BridgeEvent.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerLogConfig))]
public class NethereumBaseline
{
    public const int Sends = 500;
    public const int Logs = 2 * Sends;

    private readonly CountingSink _sink = new();
    private readonly OpStackMessengerDecoder _decoder = new();
    private TransactionBatch _batch = null!;
    private FilterLog[][] _filterLogs = null!;
    private LogPosition[] _positions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new BatchBuilder();
        foreach (var send in DecoderWorkloads.OpStackSends(Sends, _decoder))
        {
            builder.Add(send);
        }

        _batch = builder.Build();
        _filterLogs = new FilterLog[_batch.TransactionCount][];
        _positions = new LogPosition[_batch.TransactionCount];
        for (var t = 0; t < _batch.TransactionCount; t++)
        {
            var transaction = _batch.Transaction(t);
            _filterLogs[t] = [.. transaction.ToArray().Select(ToFilterLog)];
            _positions[t] = LogPosition.Of(transaction[0]);
        }

        var span = new CollectingSink();
        _batch.DecodeEach(_decoder, DecoderWorkloads.Context, span);
        var nethereum = new CollectingSink();
        DecodeWithNethereum(nethereum);
        if (_batch.LogCount != Logs || span.Rejected.Count != 0 || span.Events.Count != Sends
            || !span.Events.Select(Comparable).SequenceEqual(nethereum.Events.Select(Comparable)))
        {
            throw new InvalidOperationException(
                $"the two decoders disagree: span {span.Events.Count} events / {span.Rejected.Count} rejected, Nethereum {nethereum.Events.Count} events");
        }

        Console.WriteLine($"// workload NethereumBaseline: {_batch.TransactionCount} tx, {_batch.LogCount} logs, {Sends} identical events from both decoders");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Logs)]
    public long SpanDecoder()
    {
        _sink.Reset();
        _batch.DecodeEach(_decoder, DecoderWorkloads.Context, _sink);
        return _sink.Events;
    }

    [Benchmark(OperationsPerInvoke = Logs)]
    public long NethereumReflection()
    {
        _sink.Reset();
        DecodeWithNethereum(_sink);
        return _sink.Events;
    }

    /// <summary>A breakdown, not the baseline: Nethereum's event decoding into its DTOs alone (no key, no BridgeEvent).</summary>
    [Benchmark(OperationsPerInvoke = Logs)]
    public long NethereumDecodeOnly()
    {
        long decoded = 0;
        foreach (var logs in _filterLogs)
        {
            decoded += Event<SentMessageEventDto>.DecodeAllEvents(logs).Count;
            decoded += Event<SentMessageExtension1EventDto>.DecodeAllEvents(logs).Count;
        }

        return decoded;
    }

    private void DecodeWithNethereum(IDecodeSink sink)
    {
        for (var t = 0; t < _filterLogs.Length; t++)
        {
            var logs = _filterLogs[t];
            var sent = Event<SentMessageEventDto>.DecodeAllEvents(logs);
            if (sent.Count == 0)
            {
                continue;
            }

            var extensions = Event<SentMessageExtension1EventDto>.DecodeAllEvents(logs);
            for (var i = 0; i < sent.Count; i++)
            {
                var message = sent[i].Event;
                var value = extensions[i].Event.Value;
                var call = new RelayMessageFunction
                {
                    MessageNonce = message.MessageNonce,
                    Sender = message.Sender,
                    Target = message.Target,
                    MessageValue = value,
                    MinGasLimit = message.GasLimit,
                    Message = message.Message,
                };
                var key = Sha3Keccack.Current.CalculateHash(call.GetCallData());
                var position = _positions[t];
                sink.OnEvent(new BridgeEvent
                {
                    Position = position,
                    Protocol = Protocol.OpStackMessenger,
                    Kind = EventKind.MessageSent,
                    CorrelationKey = new Hash32(key),
                    SourceChainId = position.ChainId,
                    DestinationChainId = DecoderWorkloads.Contracts.Find(position.ChainId, position.Emitter)?.CounterpartyChainId ?? 0,
                    Sender = Address.Parse(message.Sender),
                    Target = Address.Parse(message.Target),
                    Value = Hash32.FromBigInteger(value),
                    MessageNonce = Hash32.FromBigInteger(message.MessageNonce),
                    GasLimit = (ulong)message.GasLimit,
                    Payload = message.Message,
                    ObservedAtUnixNanos = DecoderWorkloads.Context.ObservedAtUnixNanos,
                });
            }
        }
    }

    // BridgeEvent's record equality compares Payload by reference; compare its bytes instead.
    private static (BridgeEvent Event, string Payload) Comparable(BridgeEvent e) => (e with { Payload = default }, Convert.ToHexString(e.Payload.Span));

    private static FilterLog ToFilterLog(RawLog log) => new()
    {
        Address = log.Address.ToString(),
        BlockHash = log.BlockHash.ToString(),
        BlockNumber = new HexBigInteger(new BigInteger(log.BlockNumber)),
        TransactionHash = log.TransactionHash.ToString(),
        LogIndex = new HexBigInteger(new BigInteger(log.LogIndex)),
        Topics = [.. log.Topics.Select(t => (object)t.ToString())],
        Data = Hex.Encode(log.Data.Span),
        Removed = false,
    };
}

/// <summary>SentMessage(address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit).</summary>
[Event("SentMessage")]
public class SentMessageEventDto : IEventDTO
{
    [Parameter("address", "target", 1, true)]
    public string Target { get; set; } = "";

    [Parameter("address", "sender", 2, false)]
    public string Sender { get; set; } = "";

    [Parameter("bytes", "message", 3, false)]
    public byte[] Message { get; set; } = [];

    [Parameter("uint256", "messageNonce", 4, false)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("uint256", "gasLimit", 5, false)]
    public BigInteger GasLimit { get; set; }
}

/// <summary>SentMessageExtension1(address indexed sender, uint256 value).</summary>
[Event("SentMessageExtension1")]
public class SentMessageExtension1EventDto : IEventDTO
{
    [Parameter("address", "sender", 1, true)]
    public string Sender { get; set; } = "";

    [Parameter("uint256", "value", 2, false)]
    public BigInteger Value { get; set; }
}

/// <summary>relayMessage(uint256 _nonce, address _sender, address _target, uint256 _value, uint256 _minGasLimit, bytes _message): hashCrossDomainMessageV1 hashes its call data.</summary>
[Function("relayMessage")]
public class RelayMessageFunction : FunctionMessage
{
    [Parameter("uint256", "_nonce", 1)]
    public BigInteger MessageNonce { get; set; }

    [Parameter("address", "_sender", 2)]
    public string Sender { get; set; } = "";

    [Parameter("address", "_target", 3)]
    public string Target { get; set; } = "";

    [Parameter("uint256", "_value", 4)]
    public BigInteger MessageValue { get; set; }

    [Parameter("uint256", "_minGasLimit", 5)]
    public BigInteger MinGasLimit { get; set; }

    [Parameter("bytes", "_message", 6)]
    public byte[] Message { get; set; } = [];
}
