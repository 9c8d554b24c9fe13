-- Broker tokens set while the service runs (PUT /api/brokers/{broker}/token, `token set`): every
-- process on this database picks up the newest without a restart. One row per broker.
CREATE TABLE broker_token (
    broker       VARCHAR(20)   PRIMARY KEY,
    access_token VARCHAR(4000) NOT NULL,
    api_key      VARCHAR(200),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
