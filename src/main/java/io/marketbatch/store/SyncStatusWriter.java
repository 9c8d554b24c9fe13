package io.marketbatch.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code sync_status}: per instrument and data set, the last success (with the rows it
 * wrote) and the last error. A success does not erase the last error; their times tell
 * which is newer.
 */
public class SyncStatusWriter {

	/** One instrument's outcome: {@code error} null on success. */
	public record Outcome(long instrumentId, String dataset, long rows, String error) {
	}

	private final JdbcTemplate jdbc;

	private final SqlDialect dialect;

	private final Clock clock;

	public SyncStatusWriter(JdbcTemplate jdbc, SqlDialect dialect, Clock clock) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.clock = clock;
	}

	public void record(List<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		Long jobExecutionId = currentJobExecutionId();
		List<Outcome> successes = outcomes.stream().filter(o -> o.error() == null).toList();
		List<Outcome> failures = outcomes.stream().filter(o -> o.error() != null).toList();
		if (!successes.isEmpty()) {
			String sql = switch (dialect) {
				case POSTGRESQL ->
					"""
							INSERT INTO sync_status (instrument_id, dataset, last_success_at, rows_synced, last_job_execution_id, updated_at)
							VALUES (?, ?, ?, ?, ?, ?)
							ON CONFLICT (instrument_id, dataset) DO UPDATE SET last_success_at = EXCLUDED.last_success_at,
							  rows_synced = EXCLUDED.rows_synced, last_job_execution_id = EXCLUDED.last_job_execution_id,
							  updated_at = EXCLUDED.updated_at""";
				case H2 ->
					"""
							MERGE INTO sync_status t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(32)),
							  CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE)))
							  s(instrument_id, dataset, last_success_at, rows_synced, last_job_execution_id, updated_at)
							ON t.instrument_id = s.instrument_id AND t.dataset = s.dataset
							WHEN MATCHED THEN UPDATE SET last_success_at = s.last_success_at, rows_synced = s.rows_synced,
							  last_job_execution_id = s.last_job_execution_id, updated_at = s.updated_at
							WHEN NOT MATCHED THEN INSERT (instrument_id, dataset, last_success_at, rows_synced, last_job_execution_id, updated_at)
							  VALUES (s.instrument_id, s.dataset, s.last_success_at, s.rows_synced, s.last_job_execution_id, s.updated_at)""";
			};
			jdbc.batchUpdate(sql, successes, successes.size(), (ps, o) -> {
				ps.setLong(1, o.instrumentId());
				ps.setString(2, o.dataset());
				ps.setObject(3, now);
				ps.setLong(4, o.rows());
				ps.setObject(5, jobExecutionId);
				ps.setObject(6, now);
			});
		}
		if (!failures.isEmpty()) {
			String sql = switch (dialect) {
				case POSTGRESQL ->
					"""
							INSERT INTO sync_status (instrument_id, dataset, last_error, last_error_at, last_job_execution_id, updated_at)
							VALUES (?, ?, ?, ?, ?, ?)
							ON CONFLICT (instrument_id, dataset) DO UPDATE SET last_error = EXCLUDED.last_error,
							  last_error_at = EXCLUDED.last_error_at, last_job_execution_id = EXCLUDED.last_job_execution_id,
							  updated_at = EXCLUDED.updated_at""";
				case H2 ->
					"""
							MERGE INTO sync_status t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(32)),
							  CAST(? AS VARCHAR(2000)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE)))
							  s(instrument_id, dataset, last_error, last_error_at, last_job_execution_id, updated_at)
							ON t.instrument_id = s.instrument_id AND t.dataset = s.dataset
							WHEN MATCHED THEN UPDATE SET last_error = s.last_error, last_error_at = s.last_error_at,
							  last_job_execution_id = s.last_job_execution_id, updated_at = s.updated_at
							WHEN NOT MATCHED THEN INSERT (instrument_id, dataset, last_error, last_error_at, last_job_execution_id, updated_at)
							  VALUES (s.instrument_id, s.dataset, s.last_error, s.last_error_at, s.last_job_execution_id, s.updated_at)""";
			};
			jdbc.batchUpdate(sql, failures, failures.size(), (ps, o) -> {
				ps.setLong(1, o.instrumentId());
				ps.setString(2, o.dataset());
				ps.setString(3, truncate(o.error(), 2000));
				ps.setObject(4, now);
				ps.setObject(5, jobExecutionId);
				ps.setObject(6, now);
			});
		}
	}

	private static Long currentJobExecutionId() {
		StepContext context = StepSynchronizationManager.getContext();
		return context == null ? null : context.getStepExecution().getJobExecutionId();
	}

	static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}

}
