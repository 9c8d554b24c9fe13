-- Request budgets count a request from when its answer came, an upper bound of when the broker
-- saw it, instead of from when it left (V11): a request read late at the broker (a busy server, a
-- paused process) can no longer crowd a window. The rule takes the N-th latest time of the
-- budget's requests, not the N-th most recent number, as times now arrive out of order.
CREATE INDEX request_budget_log_by_time ON request_budget_log (budget, sent_at DESC);

DROP FUNCTION request_budget_acquire(VARCHAR, INT[], BIGINT[], INT, INT);
DROP FUNCTION request_budget_sent(VARCHAR, BIGINT);

-- Admits one request of a budget now (wait_us = 0, admitted = its number) or says how long to wait
-- (wait_us > 0); -2: the account has had p_breaches_per_day 429s today. The rule: for every
-- window "p_requests[i] per p_spans[i] microseconds" the p_requests[i]-th latest request time is
-- at least p_spans[i] ago; a request still in flight (its time ahead of now) holds its place a
-- full span from now. An admitted request's time is now + p_flight_us (0: now) until
-- request_budget_answered brings it back. One call, one short transaction holding the budget's
-- row lock, on the database's clock (read once the lock is held).
CREATE FUNCTION request_budget_admit(p_budget VARCHAR, p_requests INT[], p_spans BIGINT[], p_flight_us BIGINT,
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
            WHERE l.budget = p_budget ORDER BY l.sent_at DESC OFFSET p_requests[i] - 1 LIMIT 1;
        IF FOUND AND least(nth, now_ts) + p_spans[i] * interval '1 microsecond' > earliest THEN
            earliest := least(nth, now_ts) + p_spans[i] * interval '1 microsecond';
        END IF;
    END LOOP;
    IF now_ts < earliest THEN
        wait_us := greatest(1, ceil(extract(epoch FROM earliest - now_ts) * 1000000));
        RETURN;
    END IF;
    admitted := head.sent + 1;
    INSERT INTO request_budget_log (budget, seq, sent_at)
        VALUES (p_budget, admitted, now_ts + greatest(0, p_flight_us) * interval '1 microsecond');
    UPDATE request_budget b SET sent = admitted WHERE b.budget = p_budget;
    IF admitted % 256 = 0 THEN
        -- a time a whole span ago no longer limits anything
        DELETE FROM request_budget_log l WHERE l.budget = p_budget
            AND l.sent_at < now_ts - (SELECT max(s) FROM unnest(p_spans) s) * interval '1 microsecond';
    END IF;
    wait_us := 0;
END
$$;

-- Request p_seq of a budget has had its answer (or failed): the broker saw it by now, if at all.
CREATE FUNCTION request_budget_answered(p_budget VARCHAR, p_seq BIGINT) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    UPDATE request_budget_log l SET sent_at = least(l.sent_at, clock_timestamp())
     WHERE l.budget = p_budget AND l.seq = p_seq;
END
$$;
