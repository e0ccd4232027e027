using System.Text.Json;
using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;

namespace BridgeStream.LogDecoding;

/// <summary>
/// `bridgestream decode`: decodes logs with every protocol's decoder and writes one JSON object per bridge event to
/// <c>output</c> (JSON lines) and one per log it could not decode to <c>errors</c>, with the reason. The logs of one
/// transaction are decoded together (some keys need several logs). Emitters are matched against the known mainnet
/// deployments (and configured ones): an event from an unknown address is still decoded, and says so.
/// </summary>
public sealed class LogDecodeTool(ContractDirectory contracts, DomainDirectory domains)
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public DecodeSummary Run(IReadOnlyList<RawLog> input, ulong chainId, Stream output, Stream errors)
    {
        // Ordered by block and log index, as eth_getLogs returns them, so a transaction's logs are adjacent.
        var logs = input.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToArray();
        var sink = new CollectingSink();
        ProtocolCatalog.CreateDecoder().Decode(logs, new DecodeContext(chainId, contracts, 0) { Domains = domains }, sink);

        using var events = new Utf8JsonWriter(output, Compact);
        foreach (var e in sink.Events)
        {
            WriteEvent(events, e);
            EndLine(events, output);
        }

        var claimed = sink.Events.Select(e => (e.Position.TransactionHash, e.Position.LogIndex))
            .Concat(sink.Rejected.Select(r => (r.Log.TransactionHash, r.Log.LogIndex))).ToHashSet();
        var topics = ProtocolCatalog.All.SelectMany(m => m.CreateDecoder().Topics).ToHashSet();
        using var problems = new Utf8JsonWriter(errors, Compact);
        foreach (var rejected in sink.Rejected)
        {
            WriteProblem(problems, rejected.Log, rejected.Reason);
            EndLine(problems, errors);
        }

        var unrecognised = 0;
        foreach (var log in logs.Where(l => !claimed.Contains((l.TransactionHash, l.LogIndex))))
        {
            if (!topics.Contains(log.Topic0))
            {
                WriteProblem(problems, log, $"no bridge protocol has an event with topic0 {log.Topic0}");
                EndLine(problems, errors);
                unrecognised++;
            }
        }

        return new DecodeSummary(logs.Length, sink.Events.Count, sink.Rejected.Count, unrecognised);
    }

    private void WriteEvent(Utf8JsonWriter w, BridgeEvent e)
    {
        var p = e.Position;
        var deployment = contracts.Find(p.ChainId, p.Emitter);
        w.WriteStartObject();
        w.WriteString("protocol", ClickHouse.ClickHouseRows.ProtocolName(e.Protocol));
        w.WriteString("kind", ClickHouse.ClickHouseRows.KindName(e.Kind));
        w.WriteString("correlationKey", e.CorrelationKey.ToString());
        w.WriteNumber("chainId", p.ChainId);
        w.WriteNumber("blockNumber", p.BlockNumber);
        w.WriteString("blockHash", p.BlockHash.ToString());
        w.WriteString("transactionHash", p.TransactionHash.ToString());
        w.WriteNumber("logIndex", p.LogIndex);
        w.WriteString("emitter", p.Emitter.ToString());
        w.WriteBoolean("knownDeployment", deployment is not null);
        if (deployment is null)
        {
            w.WriteString("note", $"{p.Emitter} is not a known {ClickHouse.ClickHouseRows.ProtocolName(e.Protocol)} deployment on chain {p.ChainId}: recognised by its event signature only");
        }
        else
        {
            w.WriteString("deploymentKind", deployment.Kind);
        }

        WriteFields(w, e);
        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, BridgeEvent e)
    {
        WriteChain(w, "sourceChainId", e.SourceChainId);
        WriteChain(w, "destinationChainId", e.DestinationChainId);
        WriteAddress(w, "sender", e.Sender);
        WriteAddress(w, "target", e.Target);
        WriteUint(w, "value", e.Value);
        WriteUint(w, "nonce", e.MessageNonce);
        if (e.GasLimit != 0)
        {
            w.WriteNumber("gasLimit", e.GasLimit);
        }

        if (e.Asset != default || !e.Amount.IsZero)
        {
            w.WriteString("asset", e.Asset.ToString());
            w.WriteString("amount", e.Amount.ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!e.CarriedMessageId.IsZero)
        {
            w.WriteString("carriedMessageId", e.CarriedMessageId.ToString());
        }

        if (!e.OutcomeTransaction.IsZero)
        {
            w.WriteString("outcomeTransaction", e.OutcomeTransaction.ToString());
            w.WriteString("outcomeNote", "succeeded only if this transaction's receipt has status 1 (the ingestor checks; decode does not)");
        }

        if (!e.Payload.IsEmpty)
        {
            w.WriteString("payload", Hex.Encode(e.Payload.Span));
        }
    }

    private static void WriteProblem(Utf8JsonWriter w, RawLog log, string reason)
    {
        w.WriteStartObject();
        w.WriteNumber("blockNumber", log.BlockNumber);
        w.WriteString("transactionHash", log.TransactionHash.ToString());
        w.WriteNumber("logIndex", log.LogIndex);
        w.WriteString("address", log.Address.ToString());
        w.WriteString("topic0", log.Topic0.ToString());
        w.WriteString("reason", reason);
        w.WriteEndObject();
    }

    // JSON lines: one top-level value per line, so the writer is flushed and reset around each newline.
    private static void EndLine(Utf8JsonWriter w, Stream stream)
    {
        w.Flush();
        stream.WriteByte((byte)'\n');
        w.Reset(stream);
    }

    private static void WriteChain(Utf8JsonWriter w, string name, ulong chainId)
    {
        if (chainId != 0)
        {
            w.WriteNumber(name, chainId);
        }
    }

    private static void WriteAddress(Utf8JsonWriter w, string name, Address address)
    {
        if (address != default)
        {
            w.WriteString(name, address.ToString());
        }
    }

    private static void WriteUint(Utf8JsonWriter w, string name, Hash32 value)
    {
        if (!value.IsZero)
        {
            w.WriteString(name, value.ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>What a decode run read and produced.</summary>
public sealed record DecodeSummary(int Logs, int Events, int Rejected, int Unrecognised);
