-- The dynamic universes (TOP_GAINERS, TOP_LOSERS, MOST_ACTIVE) start from the newest snapshot
-- minute: with this index that is one index probe per partition, not a scan of ltp_snapshot.
CREATE INDEX ltp_snapshot_minute_idx ON ltp_snapshot (minute);
