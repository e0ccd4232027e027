-- BridgeStream ClickHouse schema, migration 0008: route synchrony (issue 8, shared-sequencer / synchronous messaging).
-- The chain registry learns each chain's nominal block time (Analytics:Chains:N:BlockTimeSeconds, mainnet defaults in
-- AssetRegistry.cs), the unit in which routeSync expresses a route's send -> relay distance in destination blocks and
-- decides "next block". NULL: unknown or irregular block production (those figures are then NULL).
--
-- The figures themselves need no new table: they are read from the DELIVERED latency histograms of 0006
-- (analytics_route_*), whose bins are exact whole seconds below 64 s, which is exact for block-timestamp differences:
--   distance_seconds = relay block timestamp (destination) - send block timestamp (source)      (the DELIVERED latency)
--   distance_blocks  = distance_seconds / destination block time
--                    = destination blocks from the first destination block at/after the send's time to the relay's block,
--                      for a destination that produces a block every block time (exact for the OP Stack's fixed 2 s)
--   same block       = distance_seconds <= 0: relayed in the destination block of the send's own timestamp (a shared
--                      sequencer's / interop set's common slot), bin 0 (negative distances are clamped into it)
--   next block       = 0 < distance_seconds <= destination block time: the destination's following block
-- Timestamps have 1 s resolution: for destinations with sub-second blocks (Arbitrum 0.25 s) "same block" means the same
-- second, and "next block" is empty by construction.
ALTER TABLE analytics_chains ADD COLUMN IF NOT EXISTS block_time_seconds Nullable(Float64) AFTER layer
;
