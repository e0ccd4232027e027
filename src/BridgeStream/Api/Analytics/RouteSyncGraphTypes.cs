using BridgeStream.Api.Scalars;
using GraphQL.Types;

namespace BridgeStream.Api.Analytics;

public sealed class SyncDistanceGraphType : ObjectGraphType<SyncDistance>
{
    public SyncDistanceGraphType()
    {
        Name = "SyncDistance";
        Description = "Nearest-rank percentiles of the send -> relay distance, by the latency estimator of LatencyStats (exact below 64 s).";
        Field<NonNullGraphType<FloatGraphType>>("p50").Resolve(c => c.Source.P50);
        Field<NonNullGraphType<FloatGraphType>>("p95").Resolve(c => c.Source.P95);
        Field<NonNullGraphType<FloatGraphType>>("p99").Resolve(c => c.Source.P99);
        Field<NonNullGraphType<FloatGraphType>>("max").Resolve(c => c.Source.Max);
    }
}

public sealed class RouteSyncGraphType : ObjectGraphType<RouteSync>
{
    public RouteSyncGraphType()
    {
        Name = "RouteSync";
        Description = """
            How synchronously a route's messages are relayed. distance = relay block timestamp (destination) - send block
            timestamp (source), in seconds; in destination blocks it is distance / the destination's block time (the chain
            registry's, Analytics:Chains:N:BlockTimeSeconds), which for a chain with a block every block time is the number
            of destination blocks from the first one at or after the send's time to the relay's. Same block: distance <= 0
            (the destination block of the send's own slot, as on a shared sequencer / OP interop set); next block:
            0 < distance <= one destination block time. Timestamps are whole seconds, so for sub-second blocks "same block"
            means the same second.
            """;
        Field<NonNullGraphType<LongScalarGraphType>>("sourceChainId").Resolve(c => c.Source.Key.SourceChainId);
        Field<NonNullGraphType<LongScalarGraphType>>("destinationChainId").Resolve(c => c.Source.Key.DestinationChainId);
        Field<NonNullGraphType<ProtocolGraphType>>("protocol").Resolve(c => c.Source.Key.Protocol);
        Field<ProofSystemGraphType>("proofSystem").Resolve(c => c.Source.Key.ProofSystem);
        Field<NonNullGraphType<BooleanGraphType>>("synchronous")
            .Description("Whether the route's proof system is SYNCHRONOUS (executed against the source's log, no L1 in between: OP interop).")
            .Resolve(c => c.Source.Synchronous);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("from").Description("Start of the covered range.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<UtcDateTimeGraphType>>("to").Description("End of the covered range (exclusive).").Resolve(c => c.Source.To);
        Field<NonNullGraphType<LongScalarGraphType>>("delivered").Description("Deliveries in the range whose send is known (each has a distance).").Resolve(c => c.Source.Delivered);
        Field<FloatGraphType>("destinationBlockTimeSeconds").Description("The destination's block time from the chain registry; null if unknown.")
            .Resolve(c => c.Source.DestinationBlockTimeSeconds);
        Field<NonNullGraphType<LongScalarGraphType>>("sameBlock").Description("Deliveries with distance <= 0 s.").Resolve(c => c.Source.SameBlock);
        Field<LongScalarGraphType>("nextBlock").Description("Deliveries with 0 < distance <= one destination block time; null without a block time.")
            .Resolve(c => c.Source.NextBlock);
        Field<LongScalarGraphType>("later").Description("Deliveries more than one destination block time after the send.").Resolve(c => c.Source.Later);
        Field<FloatGraphType>("sameBlockShare").Description("sameBlock / delivered.").Resolve(c => c.Source.SameBlockShare);
        Field<FloatGraphType>("nextBlockShare").Description("nextBlock / delivered.").Resolve(c => c.Source.NextBlockShare);
        Field<FloatGraphType>("withinNextBlockShare").Description("(sameBlock + nextBlock) / delivered.").Resolve(c => c.Source.WithinNextBlockShare);
        Field<SyncDistanceGraphType>("distanceSeconds").Description("Send -> relay distance in seconds.").Resolve(c => c.Source.DistanceSeconds);
        Field<SyncDistanceGraphType>("distanceBlocks").Description("The same in destination blocks; null without a block time.").Resolve(c => c.Source.DistanceBlocks);
    }
}
