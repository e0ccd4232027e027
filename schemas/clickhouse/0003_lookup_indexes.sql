-- BridgeStream ClickHouse schema, migration 0003: skip indexes for the API's lookups.
-- bridge_events is ordered by event identity, so a message's history (by correlation_key) and a transaction's events
-- (by tx_hash) would otherwise read the whole table; messages is ordered by id, so status/route filters would too.
ALTER TABLE bridge_events ADD INDEX IF NOT EXISTS idx_correlation_key correlation_key TYPE bloom_filter(0.01) GRANULARITY 1
;
ALTER TABLE bridge_events ADD INDEX IF NOT EXISTS idx_tx_hash tx_hash TYPE bloom_filter(0.01) GRANULARITY 1
;
ALTER TABLE messages ADD INDEX IF NOT EXISTS idx_source_tx_hash source_tx_hash TYPE bloom_filter(0.01) GRANULARITY 1
;
ALTER TABLE messages ADD INDEX IF NOT EXISTS idx_destination_tx_hash destination_tx_hash TYPE bloom_filter(0.01) GRANULARITY 1
;
ALTER TABLE messages ADD INDEX IF NOT EXISTS idx_status status TYPE set(16) GRANULARITY 1
;
ALTER TABLE messages ADD INDEX IF NOT EXISTS idx_route (source_chain_id, destination_chain_id) TYPE set(256) GRANULARITY 1
