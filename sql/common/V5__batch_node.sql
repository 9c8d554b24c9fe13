-- Every market-batch process (service node or command-line run) while it is alive: an execution
-- left STARTED by a node whose heartbeat stopped is safe to recover; one whose node is alive is not.
CREATE TABLE batch_node (
    node_id    VARCHAR(120) PRIMARY KEY,
    host       VARCHAR(100) NOT NULL,
    pid        BIGINT       NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
