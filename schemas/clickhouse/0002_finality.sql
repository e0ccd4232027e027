-- BridgeStream ClickHouse schema, migration 0002: finality.
-- When each message's source block became final, and each chain's head-to-safe/finalized lag over time, derived from
-- the chain_heads observations (one row whenever a chain's latest, safe or finalized head moved).
--
-- A block is final at the first observation whose finalized head is at or above it. The observation time is the
-- ingestor's clock when it saw that head, so the figures resolve to one head poll (sub-second on a tailing ingestor).

-- First time each finalized height was observed, per chain (several observations can share one finalized height).
CREATE VIEW IF NOT EXISTS chain_finalized_at AS
SELECT chain_id, finalized_number, min(observed_at) AS finalized_at
FROM chain_heads
WHERE finalized_number > 0
GROUP BY chain_id, finalized_number
;
-- The same for the safe head.
CREATE VIEW IF NOT EXISTS chain_safe_at AS
SELECT chain_id, safe_number, min(observed_at) AS safe_at
FROM chain_heads
WHERE safe_number > 0
GROUP BY chain_id, safe_number
;
-- Per message: when its send's block became safe and final, and the source finality lag (send block time -> final).
-- NULL while the block is not safe / final yet. ASOF picks the smallest safe/finalized height at or above the block.
CREATE VIEW IF NOT EXISTS message_finality AS
SELECT
    m.message_id AS message_id,
    m.source_chain_id AS source_chain_id,
    m.source_block_number AS source_block_number,
    m.sent_at AS sent_at,
    if(s.safe_number = 0, NULL, s.safe_at) AS source_safe_at,
    if(f.finalized_number = 0, NULL, f.finalized_at) AS source_finalized_at,
    if(s.safe_number = 0, NULL, dateDiff('millisecond', m.sent_at, s.safe_at) / 1000.0) AS source_safe_lag_seconds,
    if(f.finalized_number = 0, NULL, dateDiff('millisecond', m.sent_at, f.finalized_at) / 1000.0) AS source_finality_lag_seconds
FROM
(
    SELECT message_id, source_chain_id, source_block_number, assumeNotNull(sent_at) AS sent_at
    FROM messages FINAL
    WHERE sent_at IS NOT NULL
) AS m
ASOF LEFT JOIN chain_finalized_at AS f
    ON m.source_chain_id = f.chain_id AND m.source_block_number <= f.finalized_number
ASOF LEFT JOIN chain_safe_at AS s
    ON m.source_chain_id = s.chain_id AND m.source_block_number <= s.safe_number
;
-- Per event (every step of every message, on its own chain): when its block became safe and final.
CREATE VIEW IF NOT EXISTS event_finality AS
SELECT
    e.chain_id AS chain_id,
    e.block_number AS block_number,
    e.block_hash AS block_hash,
    e.tx_hash AS tx_hash,
    e.log_index AS log_index,
    e.correlation_key AS correlation_key,
    e.kind AS kind,
    e.block_time AS block_time,
    if(s.safe_number = 0, NULL, s.safe_at) AS safe_at,
    if(f.finalized_number = 0, NULL, f.finalized_at) AS finalized_at,
    if(f.finalized_number = 0, NULL, dateDiff('millisecond', e.block_time, f.finalized_at) / 1000.0) AS finality_lag_seconds
FROM (SELECT * FROM bridge_events FINAL) AS e
ASOF LEFT JOIN chain_finalized_at AS f
    ON e.chain_id = f.chain_id AND e.block_number <= f.finalized_number
ASOF LEFT JOIN chain_safe_at AS s
    ON e.chain_id = s.chain_id AND e.block_number <= s.safe_number
;
-- Per chain over time: how far the safe and finalized heads trail the latest head, in blocks and seconds.
CREATE VIEW IF NOT EXISTS chain_finality_lag AS
SELECT
    chain_id,
    observed_at,
    latest_number,
    latest_number - safe_number AS safe_lag_blocks,
    latest_number - finalized_number AS finalized_lag_blocks,
    dateDiff('second', safe_time, latest_time) AS safe_lag_seconds,
    dateDiff('second', finalized_time, latest_time) AS finalized_lag_seconds
FROM chain_heads
WHERE finalized_number > 0
