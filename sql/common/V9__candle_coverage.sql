-- What the broker has answered, per instrument, trading day and data set (candle_1m). A broker
-- sends no 1-minute candle for a minute without trades, so fewer candles than session minutes is
-- not a hole: every minute of the day is exactly one of
--   present      a candle is stored;
--   no trade     answered (before answered_through) and listed in no_trade: the broker had no candle;
--   missing      not answered yet, or answered with a candle that is no longer stored;
--   unavailable  before the broker's history depth (unavailable = TRUE: never asked for).
-- The backfills ask only for days not fully answered; gapFill only for minutes not answered yet.
-- minutes_written_at / bars_built_at drive the rebuild of the day's 5m..1d bars after its minutes change.
CREATE TABLE candle_coverage (
    instrument_id      BIGINT       NOT NULL REFERENCES instrument (id),
    dataset            VARCHAR(16)  NOT NULL,
    trade_date         DATE         NOT NULL,
    answered_through   TIMESTAMP WITH TIME ZONE NOT NULL,
    no_trade_minutes   INTEGER      NOT NULL DEFAULT 0,
    no_trade           VARCHAR(4000) NOT NULL DEFAULT '',
    unavailable        BOOLEAN      NOT NULL DEFAULT FALSE,
    source             VARCHAR(16)  NOT NULL,
    answered_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    minutes_written_at TIMESTAMP WITH TIME ZONE,
    bars_built_at      TIMESTAMP WITH TIME ZONE,
    bars_provisional   BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (instrument_id, dataset, trade_date),
    CONSTRAINT candle_coverage_no_trade CHECK (no_trade_minutes >= 0)
);

-- A broker answered candles on a day or at hours the calendar calls closed: the calendar is wrong.
-- Recorded once per exchange and day; `calendar add-session` writes the trading_day row that fixes it.
CREATE TABLE calendar_mismatch (
    exchange     VARCHAR(16)  NOT NULL,
    trade_date   DATE         NOT NULL,
    first_minute TIMESTAMP WITH TIME ZONE NOT NULL,
    last_minute  TIMESTAMP WITH TIME ZONE NOT NULL,
    candles      BIGINT       NOT NULL,
    instrument   VARCHAR(64)  NOT NULL,
    detected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (exchange, trade_date)
);
