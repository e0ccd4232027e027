-- BridgeStream ClickHouse schema, migration 0001. Applied in order by `bridgestream migrate` (and at start).
-- Every statement is idempotent (IF NOT EXISTS); statements are separated by a line holding only ';'.
-- Hashes and addresses are lowercase 0x-hex strings so that analysts can paste them from explorers.

-- Every decoded bridge event, once per identity (chain_id, block_hash, tx_hash, log_index): replays collapse.
-- A reorg's retraction writes the same identity with is_deleted = 1 and a higher version (its Kafka offset), so
-- `FINAL` no longer returns the orphaned event, and a late replay of the original (lower version) cannot revive it.
CREATE TABLE IF NOT EXISTS bridge_events
(
    chain_id             UInt64,
    block_number         UInt64,
    block_hash           String,
    tx_hash              String,
    log_index            UInt32,
    block_time           DateTime64(3, 'UTC'),
    emitter              String,
    protocol             LowCardinality(String),
    kind                 LowCardinality(String),
    correlation_key      String,
    source_chain_id      UInt64,
    destination_chain_id UInt64,
    sender               String,
    target               String,
    value                UInt256,
    message_nonce        UInt256,
    gas_limit            UInt64,
    payload_size         UInt32,
    asset                String,
    amount               UInt256,
    observed_at          DateTime64(6, 'UTC'),
    version              UInt64,
    is_deleted           UInt8,
    inserted_at          DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (chain_id, block_hash, tx_hash, log_index)
;
-- One row per cross-chain message, keyed by the protocol's correlation key. The processor that owns the message's
-- Kafka partition writes a new version of the row whenever its state changes; the highest version wins. The step_*
-- arrays are the message's lifecycle steps (one element per event); every other column is derived from them. A message
-- whose every step was orphaned by reorgs is written with is_deleted = 1 and disappears from `FINAL`.
CREATE TABLE IF NOT EXISTS messages
(
    message_id              String,
    protocol                LowCardinality(String),
    status                  LowCardinality(String),
    source_chain_id         UInt64,
    destination_chain_id    UInt64,
    sender                  String,
    target                  String,
    value                   UInt256,
    message_nonce           UInt256,
    gas_limit               UInt64,
    source_tx_hash          String,
    source_block_number     UInt64,
    source_block_hash       String,
    source_log_index        UInt32,
    sent_at                 Nullable(DateTime64(3, 'UTC')),
    destination_tx_hash     String,
    destination_block_number UInt64,
    destination_block_hash  String,
    destination_log_index   UInt32,
    delivered_at            Nullable(DateTime64(3, 'UTC')),
    failed_attempts         UInt32,
    last_failed_at          Nullable(DateTime64(3, 'UTC')),
    latency_seconds         Nullable(Float64),
    asset                   String,
    amount                  UInt256,
    step_kinds              Array(LowCardinality(String)),
    step_chain_ids          Array(UInt64),
    step_block_numbers      Array(UInt64),
    step_block_hashes       Array(String),
    step_tx_hashes          Array(String),
    step_log_indexes        Array(UInt32),
    step_block_times        Array(Int64),
    first_observed_at       DateTime64(6, 'UTC'),
    kafka_partition         Int32,
    version                 UInt64,
    is_deleted              UInt8,
    updated_at              DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY message_id
;
-- Logs and records that could not be decoded or read, with the reason. Nothing is dropped silently.
CREATE TABLE IF NOT EXISTS dead_letters
(
    at           DateTime64(3, 'UTC'),
    stage        LowCardinality(String),
    chain_id     UInt64,
    block_number UInt64,
    block_hash   String,
    tx_hash      String,
    log_index    UInt32,
    emitter      String,
    topics       Array(String),
    data         String,
    reason       String
)
ENGINE = MergeTree
ORDER BY (at, chain_id)
;
-- The ingestors' durable cursors: the last block whose events Kafka has acknowledged, per chain.
CREATE TABLE IF NOT EXISTS ingest_checkpoints
(
    chain_id     UInt64,
    block_number UInt64,
    block_hash   String,
    updated_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY chain_id
;
-- The blocks each ingestor has taken as canonical in its unfinalized window, with the events it published from them.
-- A reorg is found by comparing these hashes with the node's parent hashes; the events of orphaned blocks are
-- retracted from here, so that works across restarts too.
CREATE TABLE IF NOT EXISTS ingest_blocks
(
    chain_id          UInt64,
    block_number      UInt64,
    block_hash        String,
    parent_hash       String,
    block_time        DateTime('UTC'),
    event_keys        Array(String),
    event_protocols   Array(LowCardinality(String)),
    event_tx_hashes   Array(String),
    event_log_indexes Array(UInt32),
    updated_at        DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (chain_id, block_number)
TTL toDateTime(updated_at) + INTERVAL 30 DAY
;
-- Each chain's latest, safe and finalized heads as observed over time (one row whenever one of them moved).
CREATE TABLE IF NOT EXISTS chain_heads
(
    chain_id         UInt64,
    observed_at      DateTime64(3, 'UTC'),
    latest_number    UInt64,
    latest_hash      String,
    latest_time      DateTime('UTC'),
    safe_number      UInt64,
    safe_time        DateTime('UTC'),
    finalized_number UInt64,
    finalized_time   DateTime('UTC')
)
ENGINE = MergeTree
ORDER BY (chain_id, observed_at)
