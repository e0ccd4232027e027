-- BridgeStream ClickHouse schema, migration 0004: every protocol's lifecycle (issue 3).
-- Messages gain what the other protocols' lifecycles need: the arrival (an Arbitrum ticket created, a LayerZero packet
-- verified) and the proof (an OP withdrawal proven) as times; the deadlines derived from them (when a challenge window
-- ends, when a retryable ticket expires); the proof system of the route; both sides' contracts; and, for an OP portal
-- deposit or withdrawal, the CrossDomainMessenger message it transports. Time-dependent states (READY_TO_FINALIZE,
-- EXPIRED) are not stored: readers derive them from finalizable_at / expires_at and the time of asking.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS proof_system LowCardinality(String) DEFAULT '' AFTER protocol
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS source_contract String DEFAULT '' AFTER destination_chain_id
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS destination_contract String DEFAULT '' AFTER source_contract
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS arrived_at Nullable(DateTime64(3, 'UTC')) AFTER sent_at
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS proven_at Nullable(DateTime64(3, 'UTC')) AFTER arrived_at
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS finalizable_at Nullable(DateTime64(3, 'UTC')) AFTER delivered_at
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS expires_at Nullable(DateTime64(3, 'UTC')) AFTER finalizable_at
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS carried_message_id String DEFAULT '' AFTER amount
;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS step_emitters Array(String) AFTER step_block_times
;
ALTER TABLE bridge_events ADD COLUMN IF NOT EXISTS carried_message_id String DEFAULT '' AFTER amount
;
ALTER TABLE messages ADD INDEX IF NOT EXISTS idx_carried_message_id carried_message_id TYPE bloom_filter(0.01) GRANULARITY 1
