-- The broker's own time of a last traded price, where its answer gives one (Fyers quotes `tt`);
-- NULL for brokers that answer the price without a time. captured_at stays when we received it.
ALTER TABLE ltp_snapshot ADD COLUMN traded_at TIMESTAMP WITH TIME ZONE;
