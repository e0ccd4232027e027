-- BridgeStream ClickHouse schema, migration 0005: alerting (issue 6).
-- Every state change of every alert (history, for dashboards), the current state of each alert (what a restarted or
-- rebalanced processor takes back), and which notification sinks have acknowledged which change (the outbox).
--
-- An alert is identified by its dedup key, "<rule id>/<subject>" (subject: message:0x..., chain:902, route:900->901);
-- an episode of it by (dedup key, started_at); a state change by its transition_id "<dedup key>@<started_at ms>#<STATE>".
-- States: PENDING, FIRING, RESOLVED. Names are UPPER_SNAKE_CASE like the rest of the schema.

-- One row per state change. Re-inserting a change (a retried write) collapses into the same row.
CREATE TABLE IF NOT EXISTS alerts
(
    transition_id        String,
    dedup_key            String,
    state                LowCardinality(String),
    previous_state       LowCardinality(String),
    rule_id              LowCardinality(String),
    rule_type            LowCardinality(String),
    severity             LowCardinality(String),
    subject              String,
    message_id           String,
    protocol             LowCardinality(String),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    chain_id             UInt64,
    asset                String,
    summary              String,
    observed_value       Float64,
    threshold            Float64,
    unit                 LowCardinality(String),
    clock                LowCardinality(String),
    started_at           DateTime64(3, 'UTC'),
    fired_at             Nullable(DateTime64(3, 'UTC')),
    resolved_at          Nullable(DateTime64(3, 'UTC')),
    changed_at           DateTime64(3, 'UTC'),
    kafka_partition      Int32,
    inserted_at          DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (dedup_key, started_at, state)
;
-- The latest change of each alert (read it with FINAL). version = started_at ms * 4 + state number, so a later state of
-- an episode, and any state of a later episode, replaces the earlier row. kafka_partition is the bridge.events.v1
-- partition whose owner evaluates the alert (-1: chain and route alerts, evaluated by the owner of chain.heads.v1).
CREATE TABLE IF NOT EXISTS alert_state
(
    dedup_key            String,
    transition_id        String,
    state                LowCardinality(String),
    previous_state       LowCardinality(String),
    rule_id              LowCardinality(String),
    rule_type            LowCardinality(String),
    severity             LowCardinality(String),
    subject              String,
    message_id           String,
    protocol             LowCardinality(String),
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    chain_id             UInt64,
    asset                String,
    summary              String,
    observed_value       Float64,
    threshold            Float64,
    unit                 LowCardinality(String),
    clock                LowCardinality(String),
    started_at           DateTime64(3, 'UTC'),
    fired_at             Nullable(DateTime64(3, 'UTC')),
    resolved_at          Nullable(DateTime64(3, 'UTC')),
    changed_at           DateTime64(3, 'UTC'),
    kafka_partition      Int32,
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY dedup_key
;
-- A notification sink (the Kafka alerts topic, each webhook) acknowledged this change. Changes recorded but not
-- acknowledged are sent again by whoever owns their partition next (after a crash or a rebalance).
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    sink          LowCardinality(String),
    transition_id String,
    delivered_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (sink, transition_id)
TTL toDateTime(delivered_at) + INTERVAL 30 DAY
;
ALTER TABLE alerts ADD INDEX IF NOT EXISTS idx_changed_at changed_at TYPE minmax GRANULARITY 1
;
ALTER TABLE alerts ADD INDEX IF NOT EXISTS idx_inserted_at inserted_at TYPE minmax GRANULARITY 1
;
ALTER TABLE alert_state ADD INDEX IF NOT EXISTS idx_state state TYPE set(4) GRANULARITY 1
