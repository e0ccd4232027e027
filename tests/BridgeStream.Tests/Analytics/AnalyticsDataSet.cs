using System.Numerics;
using BridgeStream.ClickHouse;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Tests.Api;
using BridgeStream.Tests.Infrastructure;
using ClickHouse.Driver;

namespace BridgeStream.Tests.Analytics;

/// <summary>
/// A small known data set for the analytics tests, written the way the correlator writes it (every step a new row version
/// through ClickHouseStore), and the API in front of it with a test asset and chain registry. All times are relative to
/// <see cref="T0"/>, two whole hours before the start of the run, so that every analytics level (minute, hour, day) holds
/// them. The hand-checked figures are in the tests; the comments here say what each message is for.
/// </summary>
public sealed class AnalyticsDataSet(EmbeddedClickHouseFixture clickHouse) : IAsyncLifetime
{
    public const string UsdcL1 = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    public const string UsdcOp = "0x0b2c639c533813f4aa9d7837caf62653d097ff85";
    public const string UsdcBase = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913";

    public static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    public static readonly BigInteger Usdc = BigInteger.Pow(10, 6);

    private ApiHost? host;

    public DateTime T0 { get; } = DateTime.UnixEpoch.AddSeconds(MessageScenario.Unix(DateTime.UtcNow) / 3600 * 3600 - 7200);

    internal ApiHost Api => host ?? throw new InvalidOperationException("not started");

    internal ClickHouseClient ClickHouse { get; private set; } = null!;

    internal string ConnectionString { get; private set; } = "";

    /// <summary>Route 900 -> 901 (OP messenger): every message's final record, for the independent computations.</summary>
    internal List<MessageScenario> Messenger { get; } = [];

    internal List<MessageScenario> Withdrawals { get; } = [];

    internal List<MessageScenario> Transfers { get; } = [];

    public static IReadOnlyDictionary<string, string?> Registry => new Dictionary<string, string?>
    {
        ["Analytics:MainnetDefaults"] = "false",
        ["Analytics:Assets:0:ChainId"] = "1", ["Analytics:Assets:0:Token"] = AssetRegistryNative, ["Analytics:Assets:0:Asset"] = "ETH", ["Analytics:Assets:0:Decimals"] = "18",
        ["Analytics:Assets:1:ChainId"] = "10", ["Analytics:Assets:1:Token"] = AssetRegistryNative, ["Analytics:Assets:1:Asset"] = "ETH", ["Analytics:Assets:1:Decimals"] = "18",
        ["Analytics:Assets:2:ChainId"] = "8453", ["Analytics:Assets:2:Token"] = AssetRegistryNative, ["Analytics:Assets:2:Asset"] = "ETH", ["Analytics:Assets:2:Decimals"] = "18",
        ["Analytics:Assets:3:ChainId"] = "42161", ["Analytics:Assets:3:Token"] = AssetRegistryNative, ["Analytics:Assets:3:Asset"] = "ETH", ["Analytics:Assets:3:Decimals"] = "18",
        ["Analytics:Assets:4:ChainId"] = "1", ["Analytics:Assets:4:Token"] = UsdcL1, ["Analytics:Assets:4:Asset"] = "USDC", ["Analytics:Assets:4:Decimals"] = "6",
        ["Analytics:Assets:5:ChainId"] = "10", ["Analytics:Assets:5:Token"] = UsdcOp, ["Analytics:Assets:5:Asset"] = "USDC", ["Analytics:Assets:5:Decimals"] = "6",
        ["Analytics:Assets:6:ChainId"] = "8453", ["Analytics:Assets:6:Token"] = UsdcBase, ["Analytics:Assets:6:Asset"] = "USDC", ["Analytics:Assets:6:Decimals"] = "6",
        ["Analytics:Chains:0:ChainId"] = "1", ["Analytics:Chains:0:Name"] = "ethereum", ["Analytics:Chains:0:Layer"] = "L1",
        ["Analytics:Chains:1:ChainId"] = "10", ["Analytics:Chains:1:Name"] = "op", ["Analytics:Chains:1:Layer"] = "L2",
        ["Analytics:Chains:2:ChainId"] = "8453", ["Analytics:Chains:2:Name"] = "base", ["Analytics:Chains:2:Layer"] = "L2",
        ["Analytics:Chains:3:ChainId"] = "42161", ["Analytics:Chains:3:Name"] = "arbitrum", ["Analytics:Chains:3:Layer"] = "L2",
        ["Analytics:Chains:4:ChainId"] = "900", ["Analytics:Chains:4:Name"] = "devnet-l1", ["Analytics:Chains:4:Layer"] = "L1",
        ["Analytics:Chains:5:ChainId"] = "901", ["Analytics:Chains:5:Name"] = "devnet-op", ["Analytics:Chains:5:Layer"] = "L2",
    };

    private const string AssetRegistryNative = "0x0000000000000000000000000000000000000000";

    public DateTime At(int seconds) => T0.AddSeconds(seconds);

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(clickHouse, "analytics");
        ClickHouse = new ClickHouseClient(ConnectionString);
        var store = new ClickHouseStore(ClickHouse);
        await SeedMessengerAsync(store);
        await SeedWithdrawalsAsync(store);
        await SeedTransfersAsync(store);
        await SeedChainHeadsAsync();
        host = await ApiHost.StartAsync(ConnectionString, Registry);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        ClickHouse?.Dispose();
    }

    // Route 900 -> 901, OP messenger, no value. Latencies of the deliveries that stand: 10, 20, 30, 40, 100, 12.
    private async Task SeedMessengerAsync(ClickHouseStore store)
    {
        MessageScenario New(int id) => Add(Messenger, new MessageScenario(store, id, Protocol.OpStackMessenger, 900, 901));

        var m1 = New(1);
        await m1.SendAsync(At(0));
        await m1.RelayAsync(At(10));

        var m2 = New(2); // one failed attempt, then delivered
        await m2.SendAsync(At(60));
        await m2.FailAsync(At(70));
        await m2.RelayAsync(At(80));

        var m3 = New(3);
        await m3.SendAsync(At(120));
        await m3.RelayAsync(At(150));

        var m4 = New(4); // the receive is seen before its send
        await m4.RelayAsync(At(220));
        await m4.SendAsync(At(180));

        var m5 = New(5); // 100 s: above the exact range of the histogram
        await m5.SendAsync(At(240));
        await m5.RelayAsync(At(340));

        var m6 = New(6); // two failed attempts, never delivered
        await m6.SendAsync(At(300));
        await m6.FailAsync(At(310));
        await m6.FailAsync(At(320));

        var m7 = New(7); // delivered at 365, that block reorged away, delivered again at 372: latency 12
        await m7.SendAsync(At(360));
        var orphaned = await m7.RelayAsync(At(365));
        await m7.RetractAsync(orphaned);
        await m7.RelayAsync(At(372));

        var m8 = New(8); // delivered at 460, reorged away and not delivered again: back to SENT
        await m8.SendAsync(At(400));
        var gone = await m8.RelayAsync(At(460));
        await m8.RetractAsync(gone);

        var m9 = New(9); // sent at 500, then the send itself reorged away: the message does not exist
        var send = await m9.SendAsync(At(500));
        await m9.RetractAsync(send);

        // A processor restart: a fresh store (empty cache) loads m6 from ClickHouse and applies a third failure at 330; the
        // same state written once more (a retried batch whose first write went through) adds nothing.
        var restarted = new ClickHouseStore(ClickHouse);
        var loaded = (await restarted.LoadMessagesAsync([m6.Record.MessageId], TestContext.Current.CancellationToken))[m6.Record.MessageId];
        var resumed = MessageScenario.Resume(restarted, loaded, 900, 901);
        await resumed.FailAsync(At(330));
        await restarted.UpsertMessagesAsync([loaded], TestContext.Current.CancellationToken);
        Messenger[Messenger.IndexOf(m6)] = resumed;
    }

    // Route 901 -> 900, OP withdrawals: w1 initiated at 0, proven at 600, finalized at 4200; w2 proven 60 s after its start.
    private async Task SeedWithdrawalsAsync(ClickHouseStore store)
    {
        var w1 = Add(Withdrawals, new MessageScenario(store, 101, Protocol.OpStackWithdrawal, 901, 900));
        await w1.SendAsync(At(0));
        await w1.ProveAsync(At(600));
        await w1.RelayAsync(At(4200));

        var w2 = Add(Withdrawals, new MessageScenario(store, 102, Protocol.OpStackWithdrawal, 901, 900));
        await w2.SendAsync(At(60));
        await w2.ProveAsync(At(120));
    }

    // ETH and USDC between chains 1 (L1), 10, 8453 and 42161 (L2s). Supplies at the end: ETH 10: 6, 8453: 33, 42161: 0,
    // 1: -99; USDC 10: 500, 8453: 500, 1: -1250. In flight: ETH 60 (e3), USDC 250 (c3).
    private async Task SeedTransfersAsync(ClickHouseStore store)
    {
        var holder = MessageScenario.AddressOf(0xbeef);
        var other = MessageScenario.AddressOf(0xcafe);

        var e1 = Add(Transfers, new MessageScenario(store, 201, Protocol.OpStackMessenger, 1, 10));
        await e1.SendAsync(At(0), value: 10 * Ether, sender: other, target: holder);
        await e1.RelayAsync(At(60));

        var e2 = Add(Transfers, new MessageScenario(store, 202, Protocol.OpStackMessenger, 1, 8453));
        await e2.SendAsync(At(120), value: 30 * Ether, sender: other, target: other);
        await e2.RelayAsync(At(300));

        var e3 = Add(Transfers, new MessageScenario(store, 203, Protocol.ArbitrumRetryable, 1, 42161)); // in flight
        await e3.SendAsync(At(180), value: 60 * Ether, asset: Address.Zero, amount: 60 * Ether, sender: other, target: other);

        // The holder withdraws 4 ETH from OP to L1, then deposits 3 ETH from L1 to Base 10 minutes after: an L2 -> L2 move via L1.
        var w = Add(Transfers, new MessageScenario(store, 204, Protocol.OpStackWithdrawal, 10, 1));
        await w.SendAsync(At(600), value: 4 * Ether, asset: Address.Zero, amount: 4 * Ether, sender: holder, target: holder);
        await w.ProveAsync(At(900));
        await w.RelayAsync(At(1800));

        var hop = Add(Transfers, new MessageScenario(store, 205, Protocol.OpStackMessenger, 1, 8453));
        await hop.SendAsync(At(2400), value: 3 * Ether, sender: holder, target: holder);
        await hop.RelayAsync(At(2500));

        var c1 = Add(Transfers, new MessageScenario(store, 301, Protocol.CctpV1, 1, 10));
        await c1.SendAsync(At(100), asset: Address.Parse(UsdcL1), amount: 1000 * Usdc, sender: other, target: other);
        await c1.RelayAsync(At(1000));

        var c2 = Add(Transfers, new MessageScenario(store, 302, Protocol.CctpV1, 10, 8453)); // direct L2 -> L2
        await c2.SendAsync(At(1200), asset: Address.Parse(UsdcOp), amount: 500 * Usdc, sender: other, target: other);
        await c2.RelayAsync(At(1300));

        var c3 = Add(Transfers, new MessageScenario(store, 303, Protocol.CctpV1, 1, 8453)); // in flight
        await c3.SendAsync(At(1400), asset: Address.Parse(UsdcL1), amount: 250 * Usdc, sender: other, target: other);
    }

    // Chain 10's heads at T0, T0+30 s and T0+90 s: safe lag 20/30/30 s (10/15/15 blocks), finalized lag 200/190/170 s
    // (100/95/85 blocks). An observation without a finalized head does not count.
    private async Task SeedChainHeadsAsync()
    {
        string Time(int seconds) => At(seconds).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await ClickHouse.ExecuteNonQueryAsync($"""
            INSERT INTO chain_heads VALUES
              (10, '{Time(0)}.000', 1000, '0xa', '{Time(0)}', 990, '{Time(-20)}', 900, '{Time(-200)}'),
              (10, '{Time(30)}.000', 1015, '0xb', '{Time(30)}', 1000, '{Time(0)}', 920, '{Time(-160)}'),
              (10, '{Time(90)}.000', 1045, '0xc', '{Time(90)}', 1030, '{Time(60)}', 960, '{Time(-80)}'),
              (11, '{Time(10)}.000', 7, '0xd', '{Time(10)}', 0, '1970-01-01 00:00:00', 0, '1970-01-01 00:00:00')
            """, null, null, TestContext.Current.CancellationToken);
    }

    private static MessageScenario Add(List<MessageScenario> list, MessageScenario scenario)
    {
        list.Add(scenario);
        return scenario;
    }
}
