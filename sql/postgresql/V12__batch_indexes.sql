-- PostgreSQL does not index a referencing column by itself: without these, every read of an
-- instance's executions, an execution's parameters or steps, and every delete of a parent row
-- scans the whole child table (the BATCH_*_CONTEXT tables are keyed by their foreign key already).
CREATE INDEX batch_job_execution_instance_ix ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID);
CREATE INDEX batch_job_execution_params_execution_ix ON BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID);
CREATE INDEX batch_step_execution_execution_ix ON BATCH_STEP_EXECUTION (JOB_EXECUTION_ID);
-- the few running executions, which recovery and every launch look up
CREATE INDEX batch_job_execution_running_ix ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID)
    WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING');
