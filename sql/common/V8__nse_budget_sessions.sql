-- Union Budget days are full normal sessions even on a weekend (NSE circulars): Saturday
-- 2025-02-01 and Sunday 2026-02-01. The 2025-2026 seed had missed both.
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description) VALUES
    ('NSE', DATE '2025-02-01', 'SPECIAL', TIME '09:15:00', TIME '15:30:00', 'Union Budget (Saturday: full normal session)'),
    ('NSE', DATE '2026-02-01', 'SPECIAL', TIME '09:15:00', TIME '15:30:00', 'Union Budget (Sunday: full normal session)');
