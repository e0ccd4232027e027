using BridgeStream.ClickHouse;
using BridgeStream.Hosting;
using BridgeStream.Kafka;
using BridgeStream.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Ingest;

/// <summary>Runs one ingestor per configured chain. A failing chain is retried with backoff; it never stops the others.</summary>
public sealed class IngestionService : BackgroundService
{
    private readonly List<ChainOptions> _chains;
    private readonly IHttpClientFactory _http;
    private readonly EventPublisher _publisher;
    private readonly ClickHouseStore _store;
    private readonly IngestMetrics _metrics;
    private readonly ChainStatus _status;
    private readonly ILoggerFactory _loggers;

    public IngestionService(
        List<ChainOptions> chains, IHttpClientFactory http, EventPublisher publisher, ClickHouseStore store,
        IngestMetrics metrics, ChainStatus status, ILoggerFactory loggers)
    {
        _chains = chains;
        _http = http;
        _publisher = publisher;
        _store = store;
        _metrics = metrics;
        _status = status;
        _loggers = loggers;
        foreach (var chain in _chains)
        {
            status.Register(chain);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var contracts = ChainsConfiguration.Directory(_chains);
        var domains = ChainsConfiguration.Domains(_chains);
        var decoder = ChainsConfiguration.Decoder();
        // The rollups' own RPCs, for the settlement look-ups the L1 ingestor makes (L2 block numbers and times).
        var rollups = _chains.ToDictionary(
            c => c.ChainId, c => new JsonRpcClient(_http.CreateClient("rpc"), c.RpcUrls, c.ChainId, _loggers.CreateLogger($"BridgeStream.Ingest.{c.Name}.Settlement")));
        return Task.WhenAll(_chains.Select(chain => SuperviseAsync(chain, contracts, domains, decoder, rollups, stoppingToken)));
    }

    private async Task SuperviseAsync(
        ChainOptions chain, Core.Decoding.ContractDirectory contracts, Core.Decoding.DomainDirectory domains, Core.Decoding.BridgeLogDecoder decoder,
        IReadOnlyDictionary<ulong, JsonRpcClient> rollups, CancellationToken ct)
    {
        var logger = _loggers.CreateLogger($"BridgeStream.Ingest.{chain.Name}");
        await using var heads = new NewHeadSignal(chain.RpcUrls[0], logger);
        heads.Start();
        var rpc = new JsonRpcClient(_http.CreateClient("rpc"), chain.RpcUrls, chain.ChainId, logger)
        {
            OnEndpointFailure = error => _status.Failed(chain.ChainId, error),
        };
        var settlement = new SettlementResolver(rpc, rollups, logger);
        var ingestor = new ChainIngestor(chain, rpc, decoder, contracts, domains, _publisher, _store, _metrics, _status, logger, settlement);
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ingestor.RunAsync(heads, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _status.Failed(chain.ChainId, ex.Message);
                logger.LogError(ex, "Chain {Chain} ingestion failed; restarting from its checkpoint in {Delay}", chain.Name, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2));
            }
        }
    }
}
