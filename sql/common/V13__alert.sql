-- Alerts sent and not yet resolved: one row per subject (a job, broker, universe or health
-- component) and cause. A repeat of an open alert is not sent again, also after a restart and
-- by any node of a cluster (the primary key decides who sends); the row goes when it resolves.
CREATE TABLE open_alert (
    subject      VARCHAR(200)             NOT NULL,
    cause        VARCHAR(64)              NOT NULL,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    execution_id BIGINT,
    reason       VARCHAR(2000)            NOT NULL,
    PRIMARY KEY (subject, cause)
);
