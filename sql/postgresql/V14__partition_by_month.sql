-- PostgreSQL only: candle and ltp_snapshot become range-partitioned by month on their time
-- column, so the read paths that ask for recent minutes touch a few partitions and an old
-- month of ltp_snapshot goes with one DROP TABLE (marketbatch.retention.ltp). Months run in
-- exchange time (Asia/Kolkata), so a trading day never straddles two partitions. Partitions
-- are named <table>_pYYYYMM; rows for a month without a partition land in <table>_default
-- and are moved when the service creates that month (create_month_partition, ahead of time
-- at start and daily by the housekeeping job).

ALTER TABLE candle RENAME TO candle_unpartitioned;
ALTER INDEX candle_pkey RENAME TO candle_unpartitioned_pkey;
ALTER TABLE ltp_snapshot RENAME TO ltp_snapshot_unpartitioned;
ALTER INDEX ltp_snapshot_pkey RENAME TO ltp_snapshot_unpartitioned_pkey;

CREATE TABLE candle (
    instrument_id BIGINT         NOT NULL REFERENCES instrument (id),
    timeframe     VARCHAR(3)     NOT NULL,
    ts            TIMESTAMP WITH TIME ZONE NOT NULL,
    open          NUMERIC(18, 4) NOT NULL,
    high          NUMERIC(18, 4) NOT NULL,
    low           NUMERIC(18, 4) NOT NULL,
    close         NUMERIC(18, 4) NOT NULL,
    volume        BIGINT         NOT NULL,
    oi            BIGINT,
    source        VARCHAR(16)    NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instrument_id, timeframe, ts),
    CONSTRAINT candle_timeframe CHECK (timeframe IN ('1m', '5m', '15m', '30m', '1h', '1d')),
    CONSTRAINT candle_ohlc CHECK (low > 0 AND low <= open AND low <= close AND high >= open AND high >= close),
    CONSTRAINT candle_volume CHECK (volume >= 0)
) PARTITION BY RANGE (ts);

CREATE TABLE ltp_snapshot (
    instrument_id BIGINT         NOT NULL REFERENCES instrument (id),
    minute        TIMESTAMP WITH TIME ZONE NOT NULL,
    ltp           NUMERIC(18, 4) NOT NULL,
    volume        BIGINT,
    change        NUMERIC(18, 4),
    change_pct    NUMERIC(12, 4),
    prev_close    NUMERIC(18, 4),
    source        VARCHAR(16)    NOT NULL,
    captured_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    traded_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (instrument_id, minute),
    CONSTRAINT ltp_snapshot_positive CHECK (ltp > 0)
) PARTITION BY RANGE (minute);

CREATE TABLE candle_default PARTITION OF candle DEFAULT;
CREATE TABLE ltp_snapshot_default PARTITION OF ltp_snapshot DEFAULT;

-- Creates the partition of `parent` (candle or ltp_snapshot) for the month of `month`
-- unless it exists, moving that month's rows out of the DEFAULT partition first; true when
-- it created one. Serialized per table by an advisory lock, so cluster nodes may all call it.
CREATE FUNCTION create_month_partition(parent TEXT, month DATE) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    first_day   DATE := date_trunc('month', month)::DATE;
    part        TEXT := parent || '_p' || to_char(first_day, 'YYYYMM');
    fallback    TEXT := parent || '_default';
    col         TEXT := CASE parent WHEN 'candle' THEN 'ts' WHEN 'ltp_snapshot' THEN 'minute' END;
    lower_bound TIMESTAMPTZ := first_day::TIMESTAMP AT TIME ZONE 'Asia/Kolkata';
    upper_bound TIMESTAMPTZ := (first_day + INTERVAL '1 month')::TIMESTAMP AT TIME ZONE 'Asia/Kolkata';
BEGIN
    IF col IS NULL THEN
        RAISE EXCEPTION 'create_month_partition: % is not candle or ltp_snapshot', parent;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('market-batch partition ' || parent));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    -- writers wait until the month's rows have moved (readers go on)
    EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', parent);
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) '
        || 'INSERT INTO %I SELECT * FROM moved', fallback, col, col, part) USING lower_bound, upper_bound;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
        parent, part, lower_bound, upper_bound);
    RETURN TRUE;
END
$$;

-- a partition for every month that has rows, then the rows
DO $$
DECLARE
    m DATE;
BEGIN
    FOR m IN SELECT DISTINCT date_trunc('month', ts AT TIME ZONE 'Asia/Kolkata')::DATE FROM candle_unpartitioned LOOP
        PERFORM create_month_partition('candle', m);
    END LOOP;
    FOR m IN SELECT DISTINCT date_trunc('month', minute AT TIME ZONE 'Asia/Kolkata')::DATE FROM ltp_snapshot_unpartitioned LOOP
        PERFORM create_month_partition('ltp_snapshot', m);
    END LOOP;
END
$$;

INSERT INTO candle (instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at)
SELECT instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at FROM candle_unpartitioned;
INSERT INTO ltp_snapshot (instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at, traded_at)
SELECT instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at, traded_at
FROM ltp_snapshot_unpartitioned;

DROP TABLE candle_unpartitioned;
DROP TABLE ltp_snapshot_unpartitioned;

-- the foreign keys keep their names (the new ones were named while the old ones existed)
ALTER TABLE candle RENAME CONSTRAINT candle_instrument_id_fkey1 TO candle_instrument_id_fkey;
ALTER TABLE ltp_snapshot RENAME CONSTRAINT ltp_snapshot_instrument_id_fkey1 TO ltp_snapshot_instrument_id_fkey;
