-- One request budget per broker account and limit, shared by every process on this database
-- (the broker clients' rate limits; H2 is single-process and keeps them in memory).
CREATE TABLE request_budget (
    budget       VARCHAR(200) PRIMARY KEY,     -- limit/account, e.g. kite-historical/<api key>
    sent         BIGINT       NOT NULL DEFAULT 0, -- requests sent so far (the last log seq)
    paused_until TIMESTAMPTZ,                  -- after a 429: no request before this
    breach_day   DATE,                         -- the IST day of the 429s counted in breaches
    breaches     INT          NOT NULL DEFAULT 0
);

-- When the budget's last N requests went (N: its largest limit); older rows are deleted.
CREATE TABLE request_budget_log (
    budget  VARCHAR(200) NOT NULL,
    seq     BIGINT       NOT NULL,
    sent_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (budget, seq)
);
