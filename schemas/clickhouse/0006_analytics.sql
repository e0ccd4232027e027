-- BridgeStream ClickHouse schema, migration 0006: analytics (issue 5). Pre-aggregated latency, counts, value flows and
-- chain finality lag, so that dashboards and GraphQL read small tables instead of scanning `messages`.
--
-- Where the figures come from. `messages` is a ReplacingMergeTree with a new row version per state change, so a view
-- over its inserts would count every version. Each message row version therefore carries `analytics_delta`: the change
-- in the message's analytics facts since the version before it, computed by the correlator (ClickHouseStore, from
-- BridgeStream.Core.Analytics.AnalyticsFacts), one element per fact with sign +1 (the fact now holds) or -1 (it no
-- longer holds: a reorg retracted the step, or the step moved to another block). Materialized views below sum those
-- signed facts. Because the delta travels in the same row as the state it leads to, the two are written atomically:
-- a batch retried after a failed insert recomputes its delta from the state that was actually stored, a replayed Kafka
-- record changes no state and so writes no delta, and a retraction subtracts exactly what the retracted step added.
--
-- Facts (kind, at = block time of the step, route as known at that version):
--   SENT            the send                         FAILED           each failed execution
--   DELIVERED       the successful execution, latency_seconds = delivery - send (NULL without a send)
--   ARRIVED         arrival before execution, latency = arrival - send     PROVEN      proof, latency = proof - send
--   FINALIZED       delivery of a proven message, latency = delivery - proof (an OP withdrawal's finalization step)
--   SENT_VALUE      one per transfer the send carries (asset = token on the source chain, zero address = native;
--                   holder = the sender)
--   DELIVERED_VALUE the same transfer, at the delivery (only for messages whose send is known; holder = the recipient;
--                   latency = delivery - send)
--   OPEN            sent and not delivered: at the send, with the first transfer, the sender, and `until` = when its
--                   challenge window ends (NULL without one); it is retracted (-1) when the message is delivered
--
-- Latency estimator (one histogram bin per fact; percentiles are read from the summed bins, see AnalyticsSql.cs):
--   bin(x) = floor(max(x, 0))                         for x < 64 s  (1-second bins: exact for whole-second latencies,
--                                                                    which block-time differences are)
--   bin(x) = 64 + floor(ln(x / 64) / ln(65 / 64))     for x >= 64 s (bins 1/64 = 1.5625 % wide)
--   value(bin) = the bin's lower edge: bin below 64, 64 * (65/64)^(bin - 64) above; a quantile q of n facts is the
--   value of the bin holding the nearest-rank sample ceil(q * n). So a percentile is exact below 64 s and at most
--   1.54 % below the true nearest-rank value above; max is the value of the highest non-empty bin (same bound).
--   Bins are counts, so they add and subtract exactly: retractions need no re-computation.
--
-- Resolutions: _minute (kept 8 days: exact sliding windows of up to a week and sub-hour series), _hour and _day (kept
-- forever). Each level holds every fact; they differ only in bucket size. Readers tile a window with the coarsest
-- buckets that fit (AnalyticsTiles.cs), so a window or series over months reads days, not minutes.

ALTER TABLE messages ADD COLUMN IF NOT EXISTS analytics_delta Array(Tuple(
    sign Int8,
    kind LowCardinality(String),
    at DateTime('UTC'),
    source_chain_id UInt64,
    destination_chain_id UInt64,
    latency_seconds Nullable(Float64),
    asset String,
    amount UInt256,
    holder String,
    until Nullable(DateTime('UTC'))))
;
-- Counts and latency histograms per route (source, destination, protocol, proof system), fact kind and time bucket.
-- latency_bin is -1 for facts without a latency. `facts` is the signed count; rows that sum to 0 vanish on merge.
CREATE TABLE IF NOT EXISTS analytics_route_minute
(
    kind                 LowCardinality(String),
    bucket               DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    latency_bin          Int16,
    facts                Int64
)
ENGINE = SummingMergeTree
ORDER BY (kind, bucket, source_chain_id, destination_chain_id, protocol, proof_system, latency_bin)
TTL bucket + INTERVAL 8 DAY
;
CREATE TABLE IF NOT EXISTS analytics_route_hour
(
    kind                 LowCardinality(String),
    bucket               DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    latency_bin          Int16,
    facts                Int64
)
ENGINE = SummingMergeTree
ORDER BY (kind, bucket, source_chain_id, destination_chain_id, protocol, proof_system, latency_bin)
;
CREATE TABLE IF NOT EXISTS analytics_route_day
(
    kind                 LowCardinality(String),
    bucket               DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    latency_bin          Int16,
    facts                Int64
)
ENGINE = SummingMergeTree
ORDER BY (kind, bucket, source_chain_id, destination_chain_id, protocol, proof_system, latency_bin)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_route_minute_mv TO analytics_route_minute AS
SELECT
    f.kind AS kind,
    toStartOfMinute(f.at) AS bucket,
    f.source_chain_id AS source_chain_id,
    f.destination_chain_id AS destination_chain_id,
    protocol,
    proof_system,
    toInt16(multiIf(
        f.latency_seconds IS NULL, -1,
        assumeNotNull(f.latency_seconds) < 64, toInt32(floor(greatest(assumeNotNull(f.latency_seconds), 0))),
        64 + toInt32(floor(log(assumeNotNull(f.latency_seconds) / 64) / log(65 / 64))))) AS latency_bin,
    toInt64(f.sign) AS facts
FROM messages
ARRAY JOIN analytics_delta AS f
WHERE f.kind IN ('SENT', 'DELIVERED', 'FAILED', 'ARRIVED', 'PROVEN', 'FINALIZED')
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_route_hour_mv TO analytics_route_hour AS
SELECT kind, toStartOfHour(bucket) AS bucket, source_chain_id, destination_chain_id, protocol, proof_system, latency_bin, facts
FROM analytics_route_minute
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_route_day_mv TO analytics_route_day AS
SELECT kind, toStartOfDay(bucket) AS bucket, source_chain_id, destination_chain_id, protocol, proof_system, latency_bin, facts
FROM analytics_route_hour
;
-- Value moved per route and token: sent (bucketed at the send) and delivered (bucketed at the delivery), signed sums in
-- the token's smallest unit. Value in flight = running sum of sent - delivered; a chain's bridged supply = running sum
-- of what was delivered to it minus what was sent from it. The token is the one on the source chain; the asset
-- registry (analytics_assets) maps it to a canonical asset with decimals at query time.
CREATE TABLE IF NOT EXISTS analytics_flow_minute
(
    bucket               DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    asset                String,
    sent_count           Int64,
    sent_amount          Int256,
    delivered_count      Int64,
    delivered_amount     Int256
)
ENGINE = SummingMergeTree
ORDER BY (bucket, source_chain_id, destination_chain_id, protocol, proof_system, asset)
TTL bucket + INTERVAL 8 DAY
;
CREATE TABLE IF NOT EXISTS analytics_flow_hour
(
    bucket               DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    asset                String,
    sent_count           Int64,
    sent_amount          Int256,
    delivered_count      Int64,
    delivered_amount     Int256
)
ENGINE = SummingMergeTree
ORDER BY (bucket, source_chain_id, destination_chain_id, protocol, proof_system, asset)
;
CREATE TABLE IF NOT EXISTS analytics_flow_day
(
    bucket               DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    asset                String,
    sent_count           Int64,
    sent_amount          Int256,
    delivered_count      Int64,
    delivered_amount     Int256
)
ENGINE = SummingMergeTree
ORDER BY (bucket, source_chain_id, destination_chain_id, protocol, proof_system, asset)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_flow_minute_mv TO analytics_flow_minute AS
SELECT
    toStartOfMinute(f.at) AS bucket,
    f.source_chain_id AS source_chain_id,
    f.destination_chain_id AS destination_chain_id,
    protocol,
    proof_system,
    f.asset AS asset,
    toInt64(if(f.kind = 'SENT_VALUE', f.sign, 0)) AS sent_count,
    if(f.kind = 'SENT_VALUE', toInt256(f.amount) * f.sign, toInt256(0)) AS sent_amount,
    toInt64(if(f.kind = 'DELIVERED_VALUE', f.sign, 0)) AS delivered_count,
    if(f.kind = 'DELIVERED_VALUE', toInt256(f.amount) * f.sign, toInt256(0)) AS delivered_amount
FROM messages
ARRAY JOIN analytics_delta AS f
WHERE f.kind IN ('SENT_VALUE', 'DELIVERED_VALUE')
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_flow_hour_mv TO analytics_flow_hour AS
SELECT toStartOfHour(bucket) AS bucket, source_chain_id, destination_chain_id, protocol, proof_system, asset,
       sent_count, sent_amount, delivered_count, delivered_amount
FROM analytics_flow_minute
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_flow_day_mv TO analytics_flow_day AS
SELECT toStartOfDay(bucket) AS bucket, source_chain_id, destination_chain_id, protocol, proof_system, asset,
       sent_count, sent_amount, delivered_count, delivered_amount
FROM analytics_flow_hour
;
-- Open messages: the OPEN facts summed. A delivered message's +1 and -1 cancel and the row vanishes on merge, so after
-- merges the table holds just the messages in flight (read with GROUP BY ... HAVING sum(open) > 0 for the unmerged rest).
-- Largest open exposures and stuck messages come from here instead of a scan of messages FINAL.
CREATE TABLE IF NOT EXISTS analytics_open_messages
(
    message_id           String,
    sent_at              DateTime('UTC'),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    protocol             LowCardinality(String),
    proof_system         LowCardinality(String),
    until                DateTime('UTC'),
    asset                String,
    amount               UInt256,
    holder               String,
    open                 Int64
)
ENGINE = SummingMergeTree
ORDER BY (message_id, sent_at, source_chain_id, destination_chain_id, protocol, proof_system, until, asset, amount, holder)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_open_messages_mv TO analytics_open_messages AS
SELECT
    message_id,
    f.at AS sent_at,
    f.source_chain_id AS source_chain_id,
    f.destination_chain_id AS destination_chain_id,
    protocol,
    proof_system,
    ifNull(f.until, toDateTime(0, 'UTC')) AS until,
    f.asset AS asset,
    f.amount AS amount,
    f.holder AS holder,
    toInt64(f.sign) AS open
FROM messages
ARRAY JOIN analytics_delta AS f
WHERE f.kind = 'OPEN'
;
-- Every transfer's two legs in time order: SENT (holder = the sender, chain = the source) and DELIVERED (holder = the
-- recipient, chain = the destination), signed. The L2 -> L1 -> L2 hops (a withdrawal to R, then R's deposit to another
-- rollup) are found here within the queried window, without scanning messages.
CREATE TABLE IF NOT EXISTS analytics_transfer_legs
(
    leg            LowCardinality(String),
    at             DateTime('UTC'),
    holder         String,
    chain_id       UInt64,
    other_chain_id UInt64,
    asset_chain_id UInt64,
    asset          String,
    amount         UInt256,
    message_id     String,
    legs           Int64
)
ENGINE = SummingMergeTree
ORDER BY (leg, at, holder, chain_id, other_chain_id, asset_chain_id, asset, amount, message_id)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_transfer_legs_mv TO analytics_transfer_legs AS
SELECT
    if(f.kind = 'SENT_VALUE', 'SENT', 'DELIVERED') AS leg,
    f.at AS at,
    f.holder AS holder,
    if(f.kind = 'SENT_VALUE', f.source_chain_id, f.destination_chain_id) AS chain_id,
    if(f.kind = 'SENT_VALUE', f.destination_chain_id, f.source_chain_id) AS other_chain_id,
    f.source_chain_id AS asset_chain_id,
    f.asset AS asset,
    f.amount AS amount,
    message_id,
    toInt64(f.sign) AS legs
FROM messages
ARRAY JOIN analytics_delta AS f
WHERE f.kind IN ('SENT_VALUE', 'DELIVERED_VALUE')
;
-- Head-to-safe and head-to-finalized lag per chain and bucket, from every chain_heads observation that has a finalized
-- head (as the chain_finality_lag view of 0002): sums (for averages), maxima and the observation count.
CREATE TABLE IF NOT EXISTS analytics_chain_lag_minute
(
    chain_id                    UInt64,
    bucket                      DateTime('UTC'),
    observations                SimpleAggregateFunction(sum, UInt64),
    safe_lag_blocks_sum         SimpleAggregateFunction(sum, Int64),
    safe_lag_blocks_max         SimpleAggregateFunction(max, Int64),
    finalized_lag_blocks_sum    SimpleAggregateFunction(sum, Int64),
    finalized_lag_blocks_max    SimpleAggregateFunction(max, Int64),
    safe_lag_seconds_sum        SimpleAggregateFunction(sum, Int64),
    safe_lag_seconds_max        SimpleAggregateFunction(max, Int64),
    finalized_lag_seconds_sum   SimpleAggregateFunction(sum, Int64),
    finalized_lag_seconds_max   SimpleAggregateFunction(max, Int64),
    latest_number               SimpleAggregateFunction(max, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (chain_id, bucket)
TTL bucket + INTERVAL 8 DAY
;
CREATE TABLE IF NOT EXISTS analytics_chain_lag_hour
(
    chain_id                    UInt64,
    bucket                      DateTime('UTC'),
    observations                SimpleAggregateFunction(sum, UInt64),
    safe_lag_blocks_sum         SimpleAggregateFunction(sum, Int64),
    safe_lag_blocks_max         SimpleAggregateFunction(max, Int64),
    finalized_lag_blocks_sum    SimpleAggregateFunction(sum, Int64),
    finalized_lag_blocks_max    SimpleAggregateFunction(max, Int64),
    safe_lag_seconds_sum        SimpleAggregateFunction(sum, Int64),
    safe_lag_seconds_max        SimpleAggregateFunction(max, Int64),
    finalized_lag_seconds_sum   SimpleAggregateFunction(sum, Int64),
    finalized_lag_seconds_max   SimpleAggregateFunction(max, Int64),
    latest_number               SimpleAggregateFunction(max, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (chain_id, bucket)
;
CREATE TABLE IF NOT EXISTS analytics_chain_lag_day
(
    chain_id                    UInt64,
    bucket                      DateTime('UTC'),
    observations                SimpleAggregateFunction(sum, UInt64),
    safe_lag_blocks_sum         SimpleAggregateFunction(sum, Int64),
    safe_lag_blocks_max         SimpleAggregateFunction(max, Int64),
    finalized_lag_blocks_sum    SimpleAggregateFunction(sum, Int64),
    finalized_lag_blocks_max    SimpleAggregateFunction(max, Int64),
    safe_lag_seconds_sum        SimpleAggregateFunction(sum, Int64),
    safe_lag_seconds_max        SimpleAggregateFunction(max, Int64),
    finalized_lag_seconds_sum   SimpleAggregateFunction(sum, Int64),
    finalized_lag_seconds_max   SimpleAggregateFunction(max, Int64),
    latest_number               SimpleAggregateFunction(max, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (chain_id, bucket)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_chain_lag_minute_mv TO analytics_chain_lag_minute AS
SELECT
    chain_id,
    toStartOfMinute(observed_at) AS bucket,
    toUInt64(1) AS observations,
    toInt64(latest_number) - toInt64(safe_number) AS safe_lag_blocks_sum,
    toInt64(latest_number) - toInt64(safe_number) AS safe_lag_blocks_max,
    toInt64(latest_number) - toInt64(finalized_number) AS finalized_lag_blocks_sum,
    toInt64(latest_number) - toInt64(finalized_number) AS finalized_lag_blocks_max,
    toInt64(dateDiff('second', safe_time, latest_time)) AS safe_lag_seconds_sum,
    toInt64(dateDiff('second', safe_time, latest_time)) AS safe_lag_seconds_max,
    toInt64(dateDiff('second', finalized_time, latest_time)) AS finalized_lag_seconds_sum,
    toInt64(dateDiff('second', finalized_time, latest_time)) AS finalized_lag_seconds_max,
    latest_number
FROM chain_heads
WHERE finalized_number > 0
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_chain_lag_hour_mv TO analytics_chain_lag_hour AS
SELECT chain_id, toStartOfHour(bucket) AS bucket, observations, safe_lag_blocks_sum, safe_lag_blocks_max,
       finalized_lag_blocks_sum, finalized_lag_blocks_max, safe_lag_seconds_sum, safe_lag_seconds_max,
       finalized_lag_seconds_sum, finalized_lag_seconds_max, latest_number
FROM analytics_chain_lag_minute
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_chain_lag_day_mv TO analytics_chain_lag_day AS
SELECT chain_id, toStartOfDay(bucket) AS bucket, observations, safe_lag_blocks_sum, safe_lag_blocks_max,
       finalized_lag_blocks_sum, finalized_lag_blocks_max, safe_lag_seconds_sum, safe_lag_seconds_max,
       finalized_lag_seconds_sum, finalized_lag_seconds_max, latest_number
FROM analytics_chain_lag_hour
;
-- Each chain's newest head observation (read with FINAL: one row per chain).
CREATE TABLE IF NOT EXISTS analytics_chain_latest
(
    chain_id         UInt64,
    observed_at      DateTime64(3, 'UTC'),
    latest_number    UInt64,
    latest_time      DateTime('UTC'),
    safe_number      UInt64,
    safe_time        DateTime('UTC'),
    finalized_number UInt64,
    finalized_time   DateTime('UTC')
)
ENGINE = ReplacingMergeTree(observed_at)
ORDER BY chain_id
;
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_chain_latest_mv TO analytics_chain_latest AS
SELECT chain_id, observed_at, latest_number, latest_time, safe_number, safe_time, finalized_number, finalized_time
FROM chain_heads
;
-- The asset registry: (chain, token on that chain) -> canonical asset and the token's decimals. Written at every start
-- from configuration (Analytics:Assets, on top of the mainnet defaults in AssetRegistry.cs) by AnalyticsReferenceData;
-- entries no longer configured are written with is_deleted = 1. Read with FINAL.
CREATE TABLE IF NOT EXISTS analytics_assets
(
    chain_id   UInt64,
    token      String,
    asset      LowCardinality(String),
    decimals   UInt8,
    source     String,
    version    UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (chain_id, token)
;
-- The chain registry: which chains are Ethereum (L1) and which are its rollups (L2), for the L2<->L2 routing figures.
CREATE TABLE IF NOT EXISTS analytics_chains
(
    chain_id   UInt64,
    name       String,
    layer      LowCardinality(String),
    version    UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY chain_id
