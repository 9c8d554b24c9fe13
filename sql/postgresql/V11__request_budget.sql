-- One request budget per broker account and limit, shared by every process on this database
-- (the broker clients' rate limits; H2 is single-process and keeps them in memory).
CREATE TABLE request_budget (
    budget       VARCHAR(200) PRIMARY KEY,        -- limit/account, e.g. kite-historical/<api key>
    sent         BIGINT       NOT NULL DEFAULT 0, -- requests sent so far (the last log seq)
    paused_until TIMESTAMPTZ,                     -- after a 429: no request before this
    breach_day   DATE,                            -- the IST day of the 429s counted in breaches
    breaches     INT          NOT NULL DEFAULT 0
);

-- The budget's last N requests (N: its largest limit), numbered; older rows are deleted. sent_at
-- is the latest time any request up to this one went: set at admission, moved on when a request
-- actually left later (request_budget_sent), so a slow send never lets a later one crowd it.
CREATE TABLE request_budget_log (
    budget  VARCHAR(200) NOT NULL,
    seq     BIGINT       NOT NULL,
    sent_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (budget, seq)
);

-- Admits one request of a budget now (wait_us = 0, admitted = its number) or says how long to wait
-- (wait_us > 0); -2: the account has had p_breaches_per_day 429s today. The rule: for every
-- window "p_requests[i] per p_spans[i] microseconds" the p_requests[i]-th most recent request
-- went at least p_spans[i] ago. One call, one short transaction holding the budget's row lock,
-- on the database's clock (read once the lock is held).
CREATE FUNCTION request_budget_acquire(p_budget VARCHAR, p_requests INT[], p_spans BIGINT[], p_keep INT,
                                       p_breaches_per_day INT, OUT wait_us BIGINT, OUT admitted BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
    head     request_budget%ROWTYPE;
    now_ts   TIMESTAMPTZ;
    earliest TIMESTAMPTZ := '-infinity';
    nth      TIMESTAMPTZ;
BEGIN
    -- a budget row lost in a crash costs nothing: the commit need not wait for the disk
    PERFORM set_config('synchronous_commit', 'off', true);
    SELECT * INTO head FROM request_budget b WHERE b.budget = p_budget FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO request_budget (budget) VALUES (p_budget) ON CONFLICT (budget) DO NOTHING;
        SELECT * INTO head FROM request_budget b WHERE b.budget = p_budget FOR UPDATE;
    END IF;
    now_ts := clock_timestamp();
    IF p_breaches_per_day > 0 AND head.breach_day = (now_ts AT TIME ZONE 'Asia/Kolkata')::date
            AND head.breaches >= p_breaches_per_day THEN
        wait_us := -2;
        RETURN;
    END IF;
    IF head.paused_until IS NOT NULL THEN
        earliest := head.paused_until;
    END IF;
    FOR i IN 1 .. coalesce(array_length(p_requests, 1), 0) LOOP
        SELECT l.sent_at INTO nth FROM request_budget_log l
            WHERE l.budget = p_budget AND l.seq = head.sent - p_requests[i] + 1;
        IF FOUND AND nth + p_spans[i] * interval '1 microsecond' > earliest THEN
            earliest := nth + p_spans[i] * interval '1 microsecond';
        END IF;
    END LOOP;
    IF now_ts < earliest THEN
        wait_us := greatest(1, ceil(extract(epoch FROM earliest - now_ts) * 1000000));
        RETURN;
    END IF;
    admitted := head.sent + 1;
    INSERT INTO request_budget_log (budget, seq, sent_at) VALUES (p_budget, admitted, now_ts);
    UPDATE request_budget b SET sent = admitted WHERE b.budget = p_budget;
    IF admitted % 256 = 0 THEN
        DELETE FROM request_budget_log l WHERE l.budget = p_budget AND l.seq <= admitted - p_keep;
    END IF;
    wait_us := 0;
END
$$;

-- Request p_seq of a budget has just left: no request up to it counts as sent before now.
CREATE FUNCTION request_budget_sent(p_budget VARCHAR, p_seq BIGINT) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    PERFORM 1 FROM request_budget b WHERE b.budget = p_budget FOR UPDATE;
    UPDATE request_budget_log l SET sent_at = greatest(l.sent_at, clock_timestamp())
     WHERE l.budget = p_budget AND l.seq >= p_seq;
END
$$;

-- The broker refused a request for its rate limit (HTTP 429): no request of the budget for
-- p_pause_us, and one more breach counted for the day (IST). Returns the day's breaches.
CREATE FUNCTION request_budget_breach(p_budget VARCHAR, p_pause_us BIGINT) RETURNS INT
LANGUAGE plpgsql AS $$
DECLARE
    now_ts TIMESTAMPTZ;
    today  DATE;
    result INT;
BEGIN
    INSERT INTO request_budget (budget) VALUES (p_budget) ON CONFLICT (budget) DO NOTHING;
    PERFORM 1 FROM request_budget b WHERE b.budget = p_budget FOR UPDATE;
    now_ts := clock_timestamp();
    today := (now_ts AT TIME ZONE 'Asia/Kolkata')::date;
    UPDATE request_budget b
       SET paused_until = greatest(b.paused_until, now_ts + p_pause_us * interval '1 microsecond'),
           breaches = CASE WHEN b.breach_day = today THEN b.breaches + 1 ELSE 1 END,
           breach_day = today
     WHERE b.budget = p_budget
    RETURNING b.breaches INTO result;
    RETURN result;
END
$$;
