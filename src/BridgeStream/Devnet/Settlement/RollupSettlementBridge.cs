using System.Numerics;
using BridgeStream.Core.Settlement;
using BridgeStream.Devnet.Bridges;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet.Settlement;

/// <summary>
/// Every devnet rollup's settlement contracts on the L1 (stand-ins with the real events: infra/devnet/contracts/
/// RollupSettlement.sol), registered with the rollup as counterparty: the OP Stack rollups alternate between an
/// L2OutputOracle (the first, third, ...: OP chains before fault proofs) and fault proofs (a DisputeGameFactory and an
/// AnchorStateRegistry: the second, fourth, ...), an Arbitrum rollup gets a BoLD RollupCore, a Scroll rollup a ScrollChain.
/// The Linea and zkSync stand-in rollups (ChainRole.Linea, ChainRole.Zksync) carry messages only and get no settlement
/// contracts: their settlement decoders are tested on fixtures only. Deployed from
/// <see cref="DevnetAccounts.Deployer"/> (sequentially, like every bridge's deployment); the proposer, validator and
/// sequencer they accept is <see cref="Proposer"/>, an address nobody has the key of, which <see cref="RollupSettlementTraffic"/>
/// impersonates. Waiting periods are COMPRESSED (<see cref="SettlementTimings"/>).
/// </summary>
public sealed class RollupSettlementBridge : IDevnetBridge
{
    /// <summary>The devnet's settlement poster (proposer, validator, sequencer and prover): impersonated on the L1.</summary>
    public const string Proposer = "0x00000000000000000000000000000000005e771e";

    public const string OutputOracleContract = "L2OutputOracle";
    public const string FactoryContract = "DisputeGameFactory";
    public const string AnchorRegistryContract = "AnchorStateRegistry";
    public const string RollupContract = "ArbitrumRollup";
    public const string ScrollChainContract = "ScrollChain";

    private static readonly BigInteger DeployGas = 6_000_000;

    public string Name => "Rollup settlement (output oracle, fault proofs, Arbitrum rollup, ScrollChain)";

    public async Task<DevnetBridgeDeployment> DeployAsync(DevnetBuild build, CancellationToken ct)
    {
        var contracts = new List<DevnetContract>();
        var l1 = new DevnetWallet(build.L1, DevnetAccounts.Deployer, build.Logger);
        var opStack = 0;
        foreach (var rollup in build.Rollups)
        {
            switch (rollup.Role)
            {
                case ChainRole.OpStack when opStack++ % 2 == 0:
                    var oracle = await l1.DeployAsync(build.Contracts[OutputOracleContract], DeployGas, ct, Proposer, new BigInteger(SettlementTimings.OutputFinalizationSeconds));
                    contracts.Add(Contract(OpStackOutputOracleDecoder.Kind, build, oracle, rollup));
                    build.Logger.LogInformation("Settlement of {Rollup}: L2OutputOracle {Oracle} (compressed finalization period {Period} s)", rollup.Name, oracle.ContractAddress, SettlementTimings.OutputFinalizationSeconds);
                    break;
                case ChainRole.OpStack:
                    var factory = await l1.DeployAsync(build.Contracts[FactoryContract], DeployGas, ct, (ulong)SettlementTimings.GameClockSeconds);
                    var registry = await l1.DeployAsync(build.Contracts[AnchorRegistryContract], DeployGas, ct, factory.ContractAddress, new BigInteger(SettlementTimings.GameFinalityDelaySeconds));
                    contracts.Add(Contract(OpStackFaultProofDecoder.FactoryKind, build, factory, rollup));
                    contracts.Add(Contract(OpStackFaultProofDecoder.AnchorRegistryKind, build, registry, rollup));
                    build.Logger.LogInformation(
                        "Settlement of {Rollup}: DisputeGameFactory {Factory}, AnchorStateRegistry {Registry} (compressed clock {Clock} s, airgap {Airgap} s)",
                        rollup.Name, factory.ContractAddress, registry.ContractAddress, SettlementTimings.GameClockSeconds, SettlementTimings.GameFinalityDelaySeconds);
                    break;
                case ChainRole.Arbitrum:
                    var core = await l1.DeployAsync(build.Contracts[RollupContract], DeployGas, ct, Proposer, (ulong)SettlementTimings.ConfirmPeriodBlocks, new byte[32]);
                    contracts.Add(Contract(ArbitrumRollupDecoder.Kind, build, core, rollup));
                    build.Logger.LogInformation("Settlement of {Rollup}: Arbitrum rollup {Rollup2} (compressed confirm period {Blocks} L1 blocks)", rollup.Name, core.ContractAddress, SettlementTimings.ConfirmPeriodBlocks);
                    break;
                case ChainRole.Scroll:
                    var chain = await l1.DeployAsync(build.Contracts[ScrollChainContract], DeployGas, ct, Proposer);
                    contracts.Add(Contract(ScrollChainDecoder.Kind, build, chain, rollup));
                    build.Logger.LogInformation("Settlement of {Rollup}: ScrollChain {Chain} (batches proven after a compressed {Delay} s, no proof checked)", rollup.Name, chain.ContractAddress, SettlementTimings.ScrollProofSeconds);
                    break;
            }
        }

        return new DevnetBridgeDeployment(contracts);
    }

    private static DevnetContract Contract(string kind, DevnetBuild build, Nethereum.RPC.Eth.DTOs.TransactionReceipt receipt, DevnetChain rollup) =>
        new(kind, build.L1.ChainId, receipt.ContractAddress, rollup.ChainId, "", (long)receipt.BlockNumber.Value);
}

/// <summary>
/// The devnet's COMPRESSED settlement periods and cadence (seconds instead of mainnet's hours and days), labelled wherever
/// shown. <see cref="ProposalInterval"/> is how often every rollup's state is posted (mainnet: about hourly for OP and
/// Arbitrum, minutes for Scroll).
/// </summary>
public static class SettlementTimings
{
    /// <summary>L2OutputOracle finalization period (mainnet 7 days).</summary>
    public const long OutputFinalizationSeconds = 12;

    /// <summary>A dispute game's max clock duration, after which an unchallenged game resolves (mainnet 3.5 days).</summary>
    public const long GameClockSeconds = 6;

    /// <summary>The anchor registry's dispute game finality delay after resolution (mainnet 3.5 days).</summary>
    public const long GameFinalityDelaySeconds = 3;

    /// <summary>Arbitrum's confirm period in L1 blocks (mainnet 45818 blocks, about 6.4 days).</summary>
    public const long ConfirmPeriodBlocks = 4;

    /// <summary>How long a Scroll batch waits for its (absent) proof before it is finalized (mainnet: about an hour).</summary>
    public const long ScrollProofSeconds = 4;

    public static TimeSpan ProposalInterval { get; } = TimeSpan.FromSeconds(2);
}
