-- BridgeStream ClickHouse schema, migration 0001. Applied in order by `bridgestream migrate` (and at start).
-- Every statement is idempotent (IF NOT EXISTS); statements are separated by a line holding only ';'.
-- Hashes and addresses are lowercase 0x-hex strings so that analysts can paste them from explorers.

-- Every decoded bridge event, once per identity (chain_id, block_hash, tx_hash, log_index): replays collapse.
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
    observed_at          DateTime64(6, 'UTC'),
    inserted_at          DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (chain_id, block_hash, tx_hash, log_index)
;
-- One row per cross-chain message, keyed by the protocol's correlation key. The processor that owns the message's
-- Kafka partition writes a new version of the row whenever its state changes; the highest version wins.
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
    first_observed_at       DateTime64(6, 'UTC'),
    kafka_partition         Int32,
    version                 UInt64,
    updated_at              DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
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
