package io.marketbatch.admin;

import io.marketbatch.jobs.ConsoleProgress;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Human-readable views of the job repository: one run's summary, and the recent
 * executions.
 */
public class ExecutionReport {

	private final JdbcClient jdbc;

	public ExecutionReport(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void printSummary(JobExecution execution, PrintStream out) {
		Duration took = duration(execution.getStartTime(), execution.getEndTime());
		out.printf("%s execution %d (instance %d): %s in %s%n", execution.getJobInstance().getJobName(),
				execution.getId(), execution.getJobInstance().getInstanceId(), execution.getStatus(), human(took));
		out.println("  parameters: " + parameters(execution));
		out.println("  started " + instant(ExchangeTime.ofBatch(execution.getStartTime())) + ", ended "
				+ instant(ExchangeTime.ofBatch(execution.getEndTime())));
		for (StepExecution step : execution.getStepExecutions()) {
			long rows = step.getExecutionContext().containsKey(ConsoleProgress.ROWS_WRITTEN)
					? step.getExecutionContext().getLong(ConsoleProgress.ROWS_WRITTEN) : 0L;
			Duration stepTook = duration(step.getStartTime(), step.getEndTime());
			double seconds = Math.max(stepTook.toMillis(), 1) / 1000.0;
			out.printf(
					"  step %s: %s, items read %,d, written %,d, filtered %,d, rows written %,d (%,.0f rows/s), %s%n",
					step.getStepName(), step.getStatus(), step.getReadCount(), step.getWriteCount(),
					step.getFilterCount(), rows, rows / seconds, human(stepTook));
		}
		String description = execution.getExitStatus().getExitDescription();
		if (description != null && !description.isBlank()) {
			out.println("  exit: " + firstLines(description, 3));
		}
		if (execution.getStatus().isUnsuccessful()) {
			out.println("  resume it from its last checkpoint with: restart " + execution.getId());
		}
	}

	/** The most recent executions, newest first; {@code job} null for every job. */
	public void printRecent(String job, int limit, PrintStream out) {
		printRows(recent(job, null, limit), job, out);
	}

	public void printRows(List<Row> rows, String job, PrintStream out) {
		if (rows.isEmpty()) {
			out.println(job == null ? "no job executions yet" : "no executions of " + job + " yet");
			return;
		}
		out.printf("%-6s %-16s %-10s %-19s %-9s %12s  %s%n", "ID", "JOB", "STATUS", "STARTED (IST)", "TOOK", "ITEMS",
				"PARAMETERS / EXIT");
		for (Row row : rows) {
			out.printf("%-6d %-16s %-10s %-19s %-9s %,12d  %s%n", row.id(), row.job(), row.status(),
					row.started() == null ? "-" : ExchangeTime.table(row.started()),
					row.started() == null ? "-" : human(duration(row.started(), row.ended())), row.written(),
					row.parameters() + (row.exitMessage() == null || row.exitMessage().isBlank() ? ""
							: "  | " + firstLines(row.exitMessage(), 1)));
		}
	}

	/** One execution; {@code started} and {@code ended} at the exchange's offset. */
	public record Row(long id, long instanceId, String job, String status, String exitCode,
			@Nullable String exitMessage, @Nullable OffsetDateTime started, @Nullable OffsetDateTime ended,
			long written, String parameters) {
	}

	/** Newest first; {@code job} and {@code status} null for all. */
	public List<Row> recent(String job, String status, int limit) {
		String where = "WHERE 1 = 1 " + (job == null ? "" : "AND i.JOB_NAME = :job ")
				+ (status == null ? "" : "AND e.STATUS = :status ");
		JdbcClient.StatementSpec spec = jdbc
			.sql("""
					SELECT e.JOB_EXECUTION_ID, i.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.EXIT_MESSAGE,
					  e.START_TIME, e.END_TIME,
					  (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID)
					FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					"""
					+ where + "ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST " + limit + " ROWS ONLY");
		if (job != null) {
			spec = spec.param("job", job);
		}
		if (status != null) {
			spec = spec.param("status", status);
		}
		List<Row> rows = spec
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), batchTime(rs.getTimestamp(7)), batchTime(rs.getTimestamp(8)), rs.getLong(9), ""))
			.list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<Long, List<String>> params = new LinkedHashMap<>();
		jdbc.sql("SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS "
				+ "WHERE JOB_EXECUTION_ID IN (:ids) ORDER BY PARAMETER_NAME")
			.param("ids", rows.stream().map(Row::id).toList())
			.query(rs -> {
				params.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(rs.getString(2) + "=" + rs.getString(3));
			});
		return rows.stream()
			.map(r -> new Row(r.id(), r.instanceId(), r.job(), r.status(), r.exitCode(), r.exitMessage(), r.started(),
					r.ended(), r.written(), String.join(" ", params.getOrDefault(r.id(), List.of()))))
			.toList();
	}

	static String parameters(JobExecution execution) {
		return execution.getJobParameters()
			.parameters()
			.stream()
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.map(ExecutionReport::format)
			.collect(Collectors.joining(" "));
	}

	private static String format(JobParameter<?> p) {
		return p.name() + "=" + p.value();
	}

	/**
	 * Spring Batch's columns hold the JVM's local time, as {@link Timestamp} reads it.
	 */
	private static @Nullable OffsetDateTime batchTime(@Nullable Timestamp t) {
		return t == null ? null : ExchangeTime.ofBatch(t.toLocalDateTime());
	}

	/** ISO-8601 with the offset, to the second; "-" when not (yet) there. */
	private static String instant(@Nullable OffsetDateTime time) {
		return time == null ? "-" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.truncatedTo(ChronoUnit.SECONDS));
	}

	private static Duration duration(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return Duration.ZERO;
		}
		return Duration.between(start, end == null ? LocalDateTime.now() : end);
	}

	private static Duration duration(@Nullable OffsetDateTime start, @Nullable OffsetDateTime end) {
		if (start == null) {
			return Duration.ZERO;
		}
		return Duration.between(start, end == null ? OffsetDateTime.now() : end);
	}

	static String human(Duration d) {
		long ms = d.toMillis();
		if (ms < 10_000) {
			return String.format("%.1f s", ms / 1000.0);
		}
		if (ms < 3_600_000) {
			return String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60);
		}
		return String.format("%dh%02dm", ms / 3_600_000, (ms / 60_000) % 60);
	}

	private static String firstLines(String text, int lines) {
		String[] parts = text.strip().split("\\R");
		return String.join(" / ", java.util.Arrays.copyOf(parts, Math.min(lines, parts.length)));
	}

}
