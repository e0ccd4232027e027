-- BridgeStream ClickHouse schema, migration 0007: rollup settlement on L1 (issue 8).
-- (Numbered 0007 because the analytics and alerting migrations land as 0005 and 0006.)
--
-- rollup_settlement holds every settlement step the L1 ingestors decode from the rollups' settlement contracts (topic
-- rollup.settlement.v1): data posted, state proposed or committed, proven, confirmed, executed, reverted, with the L2
-- blocks (or batches) each covers. The views turn the steps into what readers ask for:
--   rollup_settlement_steps       every current step with its covered L2 block and time completed, reverted claims
--                                 dropped, OP output proposals' time-based confirmations added, and when the step's L1
--                                 block became final;
--   rollup_settlement_milestones  per rollup and milestone (DATA_POSTED, PROPOSED, PROVEN, SETTLED) the highest L2 block
--                                 reached over time: the first time each height was reached;
--   message_settlement            per message sent on a followed rollup: when its source block reached each milestone,
--                                 and the settlement lag (send -> settled, send -> settled and final on L1);
--   rollup_settlement_lag         per rollup over time: at every step, how old the newest L2 block it covers is.
-- Times are L1 block times (for a time-based OP confirmation: the end of the finalization period). now64() makes
-- those time-based confirmations appear once their time has come, as READY_TO_FINALIZE does for messages.

-- One row per settlement step, by its L1 identity. A reorg's retraction writes the same identity with is_deleted = 1 and
-- a higher version (its Kafka offset), so FINAL no longer returns the orphaned step.
CREATE TABLE IF NOT EXISTS rollup_settlement
(
    rollup_chain_id   UInt64,
    l1_chain_id       UInt64,
    l1_block_number   UInt64,
    l1_block_hash     String,
    tx_hash           String,
    log_index         UInt32,
    l1_block_time     DateTime64(3, 'UTC'),
    emitter           String,
    family            LowCardinality(String),
    proof_system      LowCardinality(String),
    stage             LowCardinality(String),
    settles           UInt8,
    l2_block_from     Nullable(UInt64),
    l2_block_to       Nullable(UInt64),
    l2_block_hash     String,
    l2_block_time     Nullable(DateTime64(3, 'UTC')),
    batch_from        Nullable(UInt64),
    batch_to          Nullable(UInt64),
    commitment        String,
    dispute_game      String,
    challenge_ends_at Nullable(DateTime64(3, 'UTC')),
    observed_at       DateTime64(6, 'UTC'),
    version           UInt64,
    is_deleted        UInt8,
    inserted_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (rollup_chain_id, l1_chain_id, l1_block_hash, tx_hash, log_index)
;
-- The current steps, each with its L2 range completed, reverted claims dropped (the inner part of rollup_settlement_steps):
--  * a step without its own L2 range (a Scroll finalization, a zkSync verification or execution) takes the range of the
--    committed batch it names (batch_to);
--  * a claim (not a settling step) that a later REVERTED step of its rollup covers by batch is dropped (OP
--    OutputsDeleted, Arbitrum NodeRejected, zkSync BlocksRevert, Scroll RevertBatch).
CREATE VIEW IF NOT EXISTS rollup_settlement_kept AS
SELECT
    s.rollup_chain_id AS rollup_chain_id, s.family AS family, s.proof_system AS proof_system, s.stage AS stage,
    s.settles AS settles, s.l1_chain_id AS l1_chain_id, s.l1_block_number AS l1_block_number, s.l1_block_hash AS l1_block_hash,
    s.tx_hash AS tx_hash, s.log_index AS log_index, s.l1_block_time AS l1_block_time, s.l2_block_from AS l2_block_from,
    if(s.l2_block_to IS NULL, c.committed_to, s.l2_block_to) AS l2_block_to,
    if(s.l2_block_to IS NULL, c.committed_time, s.l2_block_time) AS l2_block_time,
    s.batch_from AS batch_from, s.batch_to AS batch_to, s.commitment AS commitment, s.dispute_game AS dispute_game,
    s.challenge_ends_at AS challenge_ends_at
FROM (SELECT * FROM rollup_settlement FINAL WHERE stage != 'REVERTED') AS s
LEFT JOIN
(
    SELECT rollup_chain_id, assumeNotNull(batch_to) AS batch, argMax(l2_block_to, l1_block_number) AS committed_to,
           argMax(l2_block_time, l1_block_number) AS committed_time
    FROM rollup_settlement FINAL
    WHERE stage = 'COMMITTED' AND batch_to IS NOT NULL AND l2_block_to IS NOT NULL
    GROUP BY rollup_chain_id, batch
) AS c ON s.rollup_chain_id = c.rollup_chain_id AND ifNull(s.batch_to, 18446744073709551615) = c.batch
LEFT JOIN
(
    SELECT rollup_chain_id,
           groupArray((l1_block_number, ifNull(batch_from, 0), ifNull(batch_to, 18446744073709551615))) AS reverts
    FROM rollup_settlement FINAL
    WHERE stage = 'REVERTED'
    GROUP BY rollup_chain_id
) AS r ON s.rollup_chain_id = r.rollup_chain_id
WHERE s.settles = 1 OR s.batch_to IS NULL
   OR NOT arrayExists(x -> x.1 > s.l1_block_number AND assumeNotNull(s.batch_to) BETWEEN x.2 AND x.3, r.reverts)
;
-- Every current step (rollup_settlement_kept), plus, for an OP output proposal whose finalization period has ended, a
-- derived CONFIRMED step at that time (derived = 1); final_at is when the step's L1 block became final on L1
-- (chain_finalized_at of the L1; for a derived step the later of that and its time), NULL until then.
CREATE VIEW IF NOT EXISTS rollup_settlement_steps AS
SELECT
    rollup_chain_id, family, proof_system, stage, settles, derived, l1_chain_id, l1_block_number, l1_block_hash, tx_hash,
    log_index, at, l2_block_from, l2_block_to, l2_block_time, batch_from, batch_to, commitment, dispute_game,
    challenge_ends_at,
    if(f.finalized_number = 0, NULL, if(derived = 1, greatest(f.finalized_at, at), f.finalized_at)) AS final_at
FROM
(
    SELECT
        rollup_chain_id, family, proof_system, stage, settles, 0 AS derived, l1_chain_id, l1_block_number, l1_block_hash,
        tx_hash, log_index, l1_block_time AS at, l2_block_from, l2_block_to, l2_block_time, batch_from, batch_to,
        commitment, dispute_game, challenge_ends_at
    FROM rollup_settlement_kept
    UNION ALL
    SELECT
        rollup_chain_id, family, proof_system, 'CONFIRMED' AS stage, 1 AS settles, 1 AS derived, l1_chain_id,
        l1_block_number, l1_block_hash, tx_hash, log_index, assumeNotNull(challenge_ends_at) AS at, l2_block_from,
        l2_block_to, l2_block_time, batch_from, batch_to, commitment, dispute_game, challenge_ends_at
    FROM rollup_settlement_kept AS proposal
    -- qualified: in ClickHouse an alias of the SELECT list (stage, settles) would shadow the column here
    WHERE proposal.stage = 'PROPOSED' AND proposal.challenge_ends_at IS NOT NULL AND proposal.challenge_ends_at <= now64(3)
) AS steps
ASOF LEFT JOIN chain_finalized_at AS f
    ON steps.l1_chain_id = f.chain_id AND steps.l1_block_number <= f.finalized_number
;
-- The steps that name their L2 range, once per milestone they reach: DATA_POSTED (the data is on L1: Linea's
-- submissions, ZK commits), PROPOSED (state claimed: optimistic proposals, ZK commits), PROVEN (validity proof verified)
-- and SETTLED (withdrawals from the covered blocks can be finalized on L1: settles = 1).
CREATE VIEW IF NOT EXISTS rollup_settlement_timeline AS
SELECT
    rollup_chain_id, family, proof_system, stage, derived, l1_chain_id, l1_block_number, tx_hash, log_index, at,
    assumeNotNull(l2_block_to) AS l2_block, l2_block_time, final_at,
    arrayJoin(arrayConcat(
        multiIf(stage = 'COMMITTED', ['DATA_POSTED', 'PROPOSED'], stage = 'DATA_POSTED', ['DATA_POSTED'],
                stage = 'PROPOSED', ['PROPOSED'], stage = 'PROVEN', ['PROVEN'], emptyArrayString()),
        if(settles = 1, ['SETTLED'], emptyArrayString()))) AS milestone
FROM rollup_settlement_steps
WHERE l2_block_to IS NOT NULL
;
-- Per rollup and milestone: the highest L2 block reached so far at each step (steps in L1 time order), and the first time
-- each such height was reached. A block b reached the milestone at the reached_at of the smallest l2_block >= b (ASOF),
-- and became final on L1 at that row's final_at.
CREATE VIEW IF NOT EXISTS rollup_settlement_milestones AS
SELECT
    rollup_chain_id, milestone, watermark AS l2_block, min(step_at) AS reached_at, argMin(step_final_at, step_at) AS final_at,
    argMin(step_l1_block, step_at) AS l1_block_number, argMin(step_tx, step_at) AS tx_hash
FROM
(
    SELECT
        rollup_chain_id, milestone, at AS step_at, final_at AS step_final_at, l1_block_number AS step_l1_block, tx_hash AS step_tx,
        max(l2_block) OVER (PARTITION BY rollup_chain_id, milestone ORDER BY at, l1_block_number, log_index
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS watermark
    FROM rollup_settlement_timeline
)
GROUP BY rollup_chain_id, milestone, watermark
;
-- Per message sent on a followed rollup (one with settlement steps): when its source block's data was posted, its state
-- proposed, proven, settled, and settled-and-final on L1; the settlement lag is from the send's block time.
CREATE VIEW IF NOT EXISTS message_settlement AS
SELECT
    m.message_id AS message_id,
    m.source_chain_id AS source_chain_id,
    m.source_block_number AS source_block_number,
    m.sent_at AS sent_at,
    m.proof_system AS proof_system,
    r.rollup_family AS settlement_family,
    r.rollup_proof_system AS rollup_proof_system,
    if(d.l2_block = 0, NULL, d.reached_at) AS source_data_posted_at,
    if(p.l2_block = 0, NULL, p.reached_at) AS source_proposed_at,
    if(v.l2_block = 0, NULL, v.reached_at) AS source_proven_at,
    if(s.l2_block = 0, NULL, s.reached_at) AS source_settled_at,
    if(s.l2_block = 0, NULL, s.final_at) AS source_settled_final_at,
    if(s.l2_block = 0, NULL, dateDiff('millisecond', m.sent_at, s.reached_at) / 1000.0) AS settlement_lag_seconds,
    if(s.l2_block = 0 OR s.final_at IS NULL, NULL, dateDiff('millisecond', m.sent_at, assumeNotNull(s.final_at)) / 1000.0)
        AS final_settlement_lag_seconds
FROM
(
    SELECT message_id, source_chain_id, source_block_number, assumeNotNull(sent_at) AS sent_at, proof_system
    FROM messages FINAL
    WHERE sent_at IS NOT NULL AND source_chain_id IN (SELECT rollup_chain_id FROM rollup_settlement)
) AS m
INNER JOIN
(
    SELECT rollup_chain_id, argMax(family, l1_block_number) AS rollup_family, argMax(proof_system, l1_block_number) AS rollup_proof_system
    FROM rollup_settlement FINAL
    GROUP BY rollup_chain_id
) AS r ON m.source_chain_id = r.rollup_chain_id
ASOF LEFT JOIN (SELECT * FROM rollup_settlement_milestones WHERE milestone = 'DATA_POSTED') AS d
    ON m.source_chain_id = d.rollup_chain_id AND m.source_block_number <= d.l2_block
ASOF LEFT JOIN (SELECT * FROM rollup_settlement_milestones WHERE milestone = 'PROPOSED') AS p
    ON m.source_chain_id = p.rollup_chain_id AND m.source_block_number <= p.l2_block
ASOF LEFT JOIN (SELECT * FROM rollup_settlement_milestones WHERE milestone = 'PROVEN') AS v
    ON m.source_chain_id = v.rollup_chain_id AND m.source_block_number <= v.l2_block
ASOF LEFT JOIN (SELECT * FROM rollup_settlement_milestones WHERE milestone = 'SETTLED') AS s
    ON m.source_chain_id = s.rollup_chain_id AND m.source_block_number <= s.l2_block
;
-- Per rollup over time: at every step that names its L2 block and that block's time, how far behind the L2 it is
-- (lag_seconds = step time - L2 time of the newest block it covers; final_lag_seconds to when it became final on L1).
CREATE VIEW IF NOT EXISTS rollup_settlement_lag AS
SELECT
    rollup_chain_id, family, proof_system, milestone, stage, derived, at, l1_block_number, tx_hash, l2_block, l2_block_time,
    dateDiff('millisecond', assumeNotNull(l2_block_time), at) / 1000.0 AS lag_seconds,
    final_at,
    if(final_at IS NULL, NULL, dateDiff('millisecond', assumeNotNull(l2_block_time), assumeNotNull(final_at)) / 1000.0) AS final_lag_seconds
FROM rollup_settlement_timeline
WHERE l2_block_time IS NOT NULL
