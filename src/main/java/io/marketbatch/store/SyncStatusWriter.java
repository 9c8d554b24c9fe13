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
			jdbc.batchUpdate(dialect.recordSyncSuccess(), successes, successes.size(), (ps, o) -> {
				ps.setLong(1, o.instrumentId());
				ps.setString(2, o.dataset());
				ps.setObject(3, now);
				ps.setLong(4, o.rows());
				ps.setObject(5, jobExecutionId);
				ps.setObject(6, now);
			});
		}
		if (!failures.isEmpty()) {
			jdbc.batchUpdate(dialect.recordSyncError(), failures, failures.size(), (ps, o) -> {
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
