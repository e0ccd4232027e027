namespace BridgeStream.Devnet.Bridges;

/// <summary>The protocol families the devnet deploys, in deployment order.</summary>
public static class DevnetBridges
{
    public static IReadOnlyList<IDevnetBridge> All { get; } =
    [
        new OpStackMessengerBridge(),
        new Arbitrum.ArbitrumRollupBridge(),
        new Scroll.ScrollMessengerBridge(),
        new Linea.LineaMessageServiceBridge(),
        new Zksync.ZksyncEraBridge(),
        new Messaging.HyperlaneBridge(),
        new Messaging.CctpBridge(),
        new Messaging.LayerZeroBridge(),
        new Settlement.RollupSettlementBridge(),
        new Interop.OpInteropBridge(),
    ];

    /// <summary>The protocol families with continuous traffic of their own (the OP messenger traffic is TrafficSimulator's).</summary>
    public static IReadOnlyList<IDevnetTraffic> Traffic { get; } =
    [
        new ArbitrumScrollTraffic(),
        new ZkRollupTraffic(),
        new Messaging.MessagingTraffic(),
        new Settlement.RollupSettlementTraffic(),
        new Interop.OpInteropTraffic(),
    ];
}
