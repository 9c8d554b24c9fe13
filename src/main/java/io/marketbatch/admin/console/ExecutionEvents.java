package io.marketbatch.admin.console;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Execution progress and status changes as server-sent events, for the console's live
 * views. The job repository is polled once a second, and only while a browser listens:
 * one query over the executions that are running, new, or were running at the last poll.
 */
public class ExecutionEvents implements ApplicationListener<ContextClosedEvent>, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ExecutionEvents.class);

	/** A browser's stream ends after this; EventSource reconnects by itself. */
	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	/** A comment this often finds the streams of browsers that went away. */
	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private static final List<String> ACTIVE = List.of("STARTING", "STARTED", "STOPPING");

	private static final String SQL = """
			SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE,
			       COALESCE(SUM(s.READ_COUNT), 0), COALESCE(SUM(s.WRITE_COUNT), 0), COUNT(s.STEP_EXECUTION_ID)
			FROM BATCH_JOB_EXECUTION e
			JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
			LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
			WHERE %s
			GROUP BY e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE
			ORDER BY e.JOB_EXECUTION_ID""";

	/**
	 * The first poll finds the running executions by status (a scan); later ones only new
	 * ids and the ones being watched (primary-key lookups).
	 */
	private static final String FIRST = SQL.formatted("e.STATUS IN (:active)");

	private static final String NEXT = SQL
		.formatted("e.JOB_EXECUTION_ID > :newest OR e.JOB_EXECUTION_ID IN (:watched)");

	/** What an event says of one execution. */
	public record Progress(long id, String job, String status, String exitCode, long read, long written, long steps) {
	}

	private final JdbcClient jdbc;

	private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

	/** Other watchers of the changes (the live stream), polled for like a browser. */
	private final Set<Consumer<Progress>> listeners = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "console-events");
		thread.setDaemon(true);
		return thread;
	});

	/** The newest execution id seen; -1 until a browser listens. */
	private long newest = -1;

	/** The executions running at the last poll, as they were. */
	private Map<Long, Progress> watched = new HashMap<>();

	private long lastHeartbeat = System.nanoTime();

	public ExecutionEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
		timer.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
	}

	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		emitter.onCompletion(() -> emitters.remove(emitter));
		emitter.onTimeout(() -> emitters.remove(emitter));
		emitter.onError(e -> emitters.remove(emitter));
		try {
			emitter.send(SseEmitter.event().name("hello").data("listening"));
			emitters.add(emitter);
		}
		catch (IOException e) {
			emitter.completeWithError(e);
		}
		return emitter;
	}

	/** Hands each change to {@code listener} too, until {@link #unlisten}. */
	public void listen(Consumer<Progress> listener) {
		listeners.add(listener);
	}

	public void unlisten(Consumer<Progress> listener) {
		listeners.remove(listener);
	}

	synchronized void poll() {
		if (emitters.isEmpty() && listeners.isEmpty()) {
			newest = -1;
			watched = new HashMap<>();
			return;
		}
		try {
			boolean first = newest < 0;
			if (first) {
				newest = jdbc.sql("SELECT COALESCE(MAX(JOB_EXECUTION_ID), 0) FROM BATCH_JOB_EXECUTION")
					.query(Long.class)
					.single();
			}
			List<Long> ids = watched.isEmpty() ? List.of(-1L) : List.copyOf(watched.keySet());
			List<Progress> rows = jdbc.sql(first ? FIRST : NEXT)
				.paramSource(new MapSqlParameterSource().addValue("newest", newest)
					.addValue("active", ACTIVE)
					.addValue("watched", ids))
				.query((rs, n) -> new Progress(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7)))
				.list();
			Map<Long, Progress> running = new HashMap<>();
			for (Progress row : rows) {
				newest = Math.max(newest, row.id());
				if (!row.equals(watched.get(row.id()))) {
					send(SseEmitter.event().name("execution").data(row, MediaType.APPLICATION_JSON));
					listeners.forEach(listener -> listener.accept(row));
				}
				if (ACTIVE.contains(row.status())) {
					running.put(row.id(), row);
				}
			}
			watched = running;
			if (System.nanoTime() - lastHeartbeat > HEARTBEAT.toNanos()) {
				lastHeartbeat = System.nanoTime();
				send(SseEmitter.event().comment("heartbeat"));
			}
		}
		catch (RuntimeException e) {
			// the database may be closing or busy; the next second tries again
			log.debug("execution events: {}", e.toString());
		}
	}

	private void send(SseEmitter.SseEventBuilder event) {
		for (SseEmitter emitter : emitters) {
			try {
				emitter.send(event);
			}
			catch (IOException | IllegalStateException e) {
				emitters.remove(emitter);
			}
		}
	}

	/**
	 * Ends every stream before the web server's graceful shutdown, which would otherwise
	 * wait for them.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		close();
	}

	@Override
	public void close() {
		timer.shutdownNow();
		emitters.forEach(SseEmitter::complete);
		emitters.clear();
	}

}
