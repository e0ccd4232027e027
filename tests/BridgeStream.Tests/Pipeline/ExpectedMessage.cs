using BridgeStream.Devnet;
using BridgeStream.Rpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace BridgeStream.Tests.Pipeline;

/// <summary>What the test did to one deposit on the devnet, hence what BridgeStream must report for it.</summary>
internal sealed record ExpectedMessage(SentDeposit Sent, string Status, int FailedAttempts, RelayResult? Delivery);

/// <summary>Drives a deterministic traffic plan: relays, failures, replays and deposits left undelivered.</summary>
internal static class TrafficPlan
{
    /// <summary>Sends deposits to every rollup and settles each as the plan says: every 5th fails once then is replayed,
    /// every 7th fails and stays failed, the last of each rollup is never relayed, the rest are relayed.</summary>
    public static async Task<List<ExpectedMessage>> RunAsync(TrafficSimulator simulator, DevnetDeployment deployment, int perRollup, CancellationToken ct)
    {
        var expected = new List<ExpectedMessage>();
        using var http = new HttpClient();
        foreach (var l2 in deployment.OpStackChainIds)
        {
            var sent = await simulator.SendDepositsAsync(l2, perRollup, ct);
            var rollup = deployment.Chain(l2);
            var rpc = new JsonRpcClient(http, [rollup.RpcUrl], (ulong)l2, NullLogger.Instance);
            for (var i = 0; i < sent.Count; i++)
            {
                // Automine gives every block the same second; warping the rollup's clock makes latencies real and varied.
                await rpc.CallAsync("evm_increaseTime", $"[{1 + (i % 4)}]", ct);
                expected.Add(await SettleAsync(simulator, sent[i], i, sent.Count, ct));
            }
        }

        return expected;
    }

    private static async Task<ExpectedMessage> SettleAsync(TrafficSimulator simulator, SentDeposit deposit, int index, int count, CancellationToken ct)
    {
        var canFail = deposit.TargetTag is not null;
        if (index == count - 1)
        {
            return new ExpectedMessage(deposit, "SENT", 0, null);
        }

        if (canFail && index % 7 == 3)
        {
            await simulator.RelayAsync(deposit, makeFail: true, ct);
            return new ExpectedMessage(deposit, "FAILED", 1, null);
        }

        if (canFail && index % 5 == 1)
        {
            await simulator.RelayAsync(deposit, makeFail: true, ct);
            var replay = await simulator.ReplayAsync(deposit, ct);
            return new ExpectedMessage(deposit, "DELIVERED", 1, replay);
        }

        var relay = await simulator.RelayAsync(deposit, makeFail: false, ct);
        return new ExpectedMessage(deposit, "DELIVERED", 0, relay);
    }
}
