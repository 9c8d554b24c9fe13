-- Exchanges with their own hours (see README "Exchanges"): the broker codes NSE, BSE (cash),
-- NFO, BFO (F&O), CDS, BCD (currency) and MCX, each with its regular weekday session by
-- effective date, and per exchange its dated exceptions in trading_day. A segment with shorter
-- hours (MCX agri) has rows of its own; exceptions are the exchange's.
CREATE TABLE exchange_hours (
    exchange       VARCHAR(16)  NOT NULL,
    segment        VARCHAR(16)  NOT NULL,
    effective_from DATE         NOT NULL,
    opens          TIME         NOT NULL,
    closes         TIME         NOT NULL,
    description    VARCHAR(200) NOT NULL,
    PRIMARY KEY (exchange, segment, effective_from),
    CONSTRAINT exchange_hours_order CHECK (opens < closes)
);

INSERT INTO exchange_hours (exchange, segment, effective_from, opens, closes, description) VALUES
    ('NSE', 'MAIN', DATE '2000-01-01', TIME '09:15:00', TIME '15:30:00', 'NSE equity normal market'),
    ('BSE', 'MAIN', DATE '2000-01-01', TIME '09:15:00', TIME '15:30:00', 'BSE equity continuous session'),
    ('NFO', 'MAIN', DATE '2000-01-01', TIME '09:15:00', TIME '15:30:00', 'NSE F&O normal market'),
    ('NFO', 'MAIN', DATE '2026-08-03', TIME '09:15:00', TIME '15:40:00', 'NSE F&O closes 15:40 (FAOP74467)'),
    ('BFO', 'MAIN', DATE '2000-01-01', TIME '09:15:00', TIME '15:30:00', 'BSE F&O'),
    ('BFO', 'MAIN', DATE '2026-08-03', TIME '09:15:00', TIME '15:40:00', 'BSE F&O closes 15:40 (20260612-9)'),
    ('CDS', 'MAIN', DATE '2000-01-01', TIME '09:00:00', TIME '17:00:00', 'NSE currency derivatives, FCY-INR'),
    ('BCD', 'MAIN', DATE '2000-01-01', TIME '09:00:00', TIME '17:00:00', 'BSE currency derivatives, FCY-INR'),
    ('MCX', 'MAIN', DATE '2024-11-04', TIME '09:00:00', TIME '23:55:00', 'non-agri, US standard time (inferred from rule)'),
    ('MCX', 'MAIN', DATE '2025-03-10', TIME '09:00:00', TIME '23:30:00', 'non-agri, US daylight saving'),
    ('MCX', 'MAIN', DATE '2025-11-03', TIME '09:00:00', TIME '23:55:00', 'non-agri, US standard time'),
    ('MCX', 'MAIN', DATE '2026-03-09', TIME '09:00:00', TIME '23:30:00', 'non-agri, US daylight saving (NSE COM72699)'),
    ('MCX', 'MAIN', DATE '2026-11-02', TIME '09:00:00', TIME '23:55:00', 'non-agri, US standard time (rule only, unverified) to 2027-03-12'),
    ('MCX', 'AGRI_INTL', DATE '2024-11-04', TIME '09:00:00', TIME '21:00:00', 'internationally referenceable agri (cotton, kapas)'),
    ('MCX', 'AGRI', DATE '2024-11-04', TIME '09:00:00', TIME '17:00:00', 'other agri (e.g. mentha oil)');

-- PARTIAL: a day with reduced hours that each segment clips to its own regular hours (MCX's
-- morning-closed evenings, where other agri does not trade; New Year's morning-only day).
ALTER TABLE trading_day DROP CONSTRAINT trading_day_kind;
ALTER TABLE trading_day DROP CONSTRAINT trading_day_special_hours;
ALTER TABLE trading_day ADD CONSTRAINT trading_day_kind CHECK (kind IN ('HOLIDAY', 'SPECIAL', 'PARTIAL'));
ALTER TABLE trading_day ADD CONSTRAINT trading_day_special_hours
    CHECK (kind = 'HOLIDAY' OR (opens IS NOT NULL AND closes IS NOT NULL AND opens < closes));

-- BSE equity 2025-2026 (equals NSE's; the Muhurat of Sunday 2026-11-08 waits for its hours).
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description) VALUES
    ('BSE', DATE '2025-02-01', 'SPECIAL', TIME '09:15:00', TIME '15:30:00', 'Union Budget (Saturday: full normal session)'),
    ('BSE', DATE '2025-02-26', 'HOLIDAY', NULL, NULL, 'Mahashivratri'),
    ('BSE', DATE '2025-03-14', 'HOLIDAY', NULL, NULL, 'Holi'),
    ('BSE', DATE '2025-03-31', 'HOLIDAY', NULL, NULL, 'Id-Ul-Fitr'),
    ('BSE', DATE '2025-04-10', 'HOLIDAY', NULL, NULL, 'Shri Mahavir Jayanti'),
    ('BSE', DATE '2025-04-14', 'HOLIDAY', NULL, NULL, 'Dr. Baba Saheb Ambedkar Jayanti'),
    ('BSE', DATE '2025-04-18', 'HOLIDAY', NULL, NULL, 'Good Friday'),
    ('BSE', DATE '2025-05-01', 'HOLIDAY', NULL, NULL, 'Maharashtra Day'),
    ('BSE', DATE '2025-08-15', 'HOLIDAY', NULL, NULL, 'Independence Day'),
    ('BSE', DATE '2025-08-27', 'HOLIDAY', NULL, NULL, 'Ganesh Chaturthi'),
    ('BSE', DATE '2025-10-02', 'HOLIDAY', NULL, NULL, 'Mahatma Gandhi Jayanti / Dussehra'),
    ('BSE', DATE '2025-10-21', 'SPECIAL', TIME '13:45:00', TIME '14:45:00', 'Diwali Laxmi Pujan (regular session closed; Muhurat only)'),
    ('BSE', DATE '2025-10-22', 'HOLIDAY', NULL, NULL, 'Diwali Balipratipada'),
    ('BSE', DATE '2025-11-05', 'HOLIDAY', NULL, NULL, 'Prakash Gurpurb Sri Guru Nanak Dev'),
    ('BSE', DATE '2025-12-25', 'HOLIDAY', NULL, NULL, 'Christmas'),
    ('BSE', DATE '2026-01-15', 'HOLIDAY', NULL, NULL, 'Maharashtra municipal elections (ad hoc; F&O expiry moved to 14 Jan)'),
    ('BSE', DATE '2026-01-26', 'HOLIDAY', NULL, NULL, 'Republic Day'),
    ('BSE', DATE '2026-02-01', 'SPECIAL', TIME '09:15:00', TIME '15:30:00', 'Union Budget (Sunday: full normal session)'),
    ('BSE', DATE '2026-03-03', 'HOLIDAY', NULL, NULL, 'Holi'),
    ('BSE', DATE '2026-03-26', 'HOLIDAY', NULL, NULL, 'Shri Ram Navami'),
    ('BSE', DATE '2026-03-31', 'HOLIDAY', NULL, NULL, 'Shri Mahavir Jayanti'),
    ('BSE', DATE '2026-04-03', 'HOLIDAY', NULL, NULL, 'Good Friday'),
    ('BSE', DATE '2026-04-14', 'HOLIDAY', NULL, NULL, 'Dr. Baba Saheb Ambedkar Jayanti'),
    ('BSE', DATE '2026-05-01', 'HOLIDAY', NULL, NULL, 'Maharashtra Day'),
    ('BSE', DATE '2026-05-28', 'HOLIDAY', NULL, NULL, 'Bakri Id'),
    ('BSE', DATE '2026-06-26', 'HOLIDAY', NULL, NULL, 'Muharram'),
    ('BSE', DATE '2026-09-14', 'HOLIDAY', NULL, NULL, 'Ganesh Chaturthi'),
    ('BSE', DATE '2026-10-02', 'HOLIDAY', NULL, NULL, 'Mahatma Gandhi Jayanti'),
    ('BSE', DATE '2026-10-20', 'HOLIDAY', NULL, NULL, 'Dussehra'),
    ('BSE', DATE '2026-11-10', 'HOLIDAY', NULL, NULL, 'Diwali Balipratipada'),
    ('BSE', DATE '2026-11-24', 'HOLIDAY', NULL, NULL, 'Prakash Gurpurb Sri Guru Nanak Dev'),
    ('BSE', DATE '2026-12-25', 'HOLIDAY', NULL, NULL, 'Christmas');

-- F&O follows its cash market's exceptions.
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description)
    SELECT 'NFO', trade_date, kind, opens, closes, description FROM trading_day WHERE exchange = 'NSE';
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description)
    SELECT 'BFO', trade_date, kind, opens, closes, description FROM trading_day WHERE exchange = 'BSE';

-- Currency: the equity dates (Muhurat included) without the Budget weekend sessions (none was
-- announced for CDS), plus the bank holidays (NSE CD71962, CD70033).
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description)
    SELECT 'CDS', trade_date, kind, opens, closes, description FROM trading_day
    WHERE exchange = 'NSE' AND NOT (kind = 'SPECIAL' AND description LIKE 'Union Budget%');
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description) VALUES
    ('CDS', DATE '2025-09-08', 'HOLIDAY', NULL, NULL, 'Id-E-Milad'),
    ('CDS', DATE '2026-02-19', 'HOLIDAY', NULL, NULL, 'Chhatrapati Shivaji Maharaj Jayanti'),
    ('CDS', DATE '2026-03-19', 'HOLIDAY', NULL, NULL, 'Gudi Padwa'),
    ('CDS', DATE '2026-04-01', 'HOLIDAY', NULL, NULL, 'Annual bank closing'),
    ('CDS', DATE '2026-08-26', 'HOLIDAY', NULL, NULL, 'Id-E-Milad');
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description)
    SELECT 'CDS', DATE '2026-01-15', 'HOLIDAY', NULL, NULL, 'Municipal Corporation Elections (ad hoc)'
    WHERE NOT EXISTS (SELECT 1 FROM trading_day WHERE exchange = 'CDS' AND trade_date = DATE '2026-01-15');
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description)
    SELECT 'BCD', trade_date, kind, opens, closes, description FROM trading_day WHERE exchange = 'CDS';

-- MCX 2025-2026: hours of internationally referenceable non-agri contracts; agri clips them.
INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description) VALUES
    ('MCX', DATE '2025-01-01', 'PARTIAL', TIME '09:00:00', TIME '17:00:00', 'New Year Day (morning open; evening closed)'),
    ('MCX', DATE '2025-02-01', 'SPECIAL', TIME '09:00:00', TIME '17:00:00', 'Union Budget (Saturday; special session 08:45-08:59)'),
    ('MCX', DATE '2025-02-26', 'PARTIAL', TIME '17:00:00', TIME '23:55:00', 'Mahashivratri (morning closed)'),
    ('MCX', DATE '2025-03-14', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Holi (morning closed)'),
    ('MCX', DATE '2025-03-31', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Id-Ul-Fitr (morning closed)'),
    ('MCX', DATE '2025-04-10', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Shri Mahavir Jayanti (morning closed)'),
    ('MCX', DATE '2025-04-14', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Dr. Baba Saheb Ambedkar Jayanti (morning closed)'),
    ('MCX', DATE '2025-04-18', 'HOLIDAY', NULL, NULL, 'Good Friday (both sessions closed)'),
    ('MCX', DATE '2025-05-01', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Maharashtra Day (morning closed)'),
    ('MCX', DATE '2025-08-15', 'HOLIDAY', NULL, NULL, 'Independence Day (both sessions closed)'),
    ('MCX', DATE '2025-08-27', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Ganesh Chaturthi (morning closed)'),
    ('MCX', DATE '2025-10-02', 'HOLIDAY', NULL, NULL, 'Mahatma Gandhi Jayanti (both sessions closed)'),
    ('MCX', DATE '2025-10-21', 'SPECIAL', TIME '13:45:00', TIME '14:45:00', 'Diwali Laxmi Pujan (regular sessions closed; Muhurat; pre-open 13:30-13:44)'),
    ('MCX', DATE '2025-10-22', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Diwali Balipratipada (morning closed; evening close unverified: one report says 21:00)'),
    ('MCX', DATE '2025-11-05', 'PARTIAL', TIME '17:00:00', TIME '23:55:00', 'Guru Nanak Jayanti (morning closed)'),
    ('MCX', DATE '2025-12-25', 'HOLIDAY', NULL, NULL, 'Christmas (both sessions closed)'),
    ('MCX', DATE '2026-01-01', 'PARTIAL', TIME '09:00:00', TIME '17:00:00', 'New Year Day (morning open; evening closed)'),
    ('MCX', DATE '2026-01-15', 'PARTIAL', TIME '17:00:00', TIME '23:55:00', 'Maharashtra municipal elections (ad hoc; morning closed)'),
    ('MCX', DATE '2026-01-26', 'HOLIDAY', NULL, NULL, 'Republic Day (both sessions closed)'),
    ('MCX', DATE '2026-02-01', 'SPECIAL', TIME '09:00:00', TIME '17:00:00', 'Union Budget (Sunday; pre-open 08:45-08:59)'),
    ('MCX', DATE '2026-03-03', 'PARTIAL', TIME '17:00:00', TIME '23:55:00', 'Holi (morning closed)'),
    ('MCX', DATE '2026-03-26', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Shri Ram Navami (morning closed)'),
    ('MCX', DATE '2026-03-31', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Shri Mahavir Jayanti (morning closed)'),
    ('MCX', DATE '2026-04-03', 'HOLIDAY', NULL, NULL, 'Good Friday (both sessions closed)'),
    ('MCX', DATE '2026-04-14', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Dr. Baba Saheb Ambedkar Jayanti (morning closed)'),
    ('MCX', DATE '2026-05-01', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Maharashtra Day (morning closed)'),
    ('MCX', DATE '2026-05-28', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Bakri Id (morning closed)'),
    ('MCX', DATE '2026-06-26', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Muharram (morning closed)'),
    ('MCX', DATE '2026-09-14', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Ganesh Chaturthi (morning closed)'),
    ('MCX', DATE '2026-10-02', 'HOLIDAY', NULL, NULL, 'Mahatma Gandhi Jayanti (both sessions closed)'),
    ('MCX', DATE '2026-10-20', 'PARTIAL', TIME '17:00:00', TIME '23:30:00', 'Dussehra (morning closed)'),
    ('MCX', DATE '2026-11-10', 'PARTIAL', TIME '17:00:00', TIME '23:55:00', 'Diwali Balipratipada (morning closed)'),
    ('MCX', DATE '2026-11-24', 'PARTIAL', TIME '17:00:00', TIME '23:55:00', 'Guru Nanak Jayanti (morning closed)'),
    ('MCX', DATE '2026-12-25', 'HOLIDAY', NULL, NULL, 'Christmas (both sessions closed)');
