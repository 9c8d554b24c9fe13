package io.marketbatch.jobs.launch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This process as a node in {@code batch_node}, with a heartbeat every {@link #BEAT}. The
 * node id is unique per process start (a UUID), so a pid reused by a later process, on
 * this host or in a restarted container, never makes a dead node look alive. Another node
 * counts it alive while its heartbeat, stamped and compared with the database's clock
 * ({@code CURRENT_TIMESTAMP}, never a JVM clock), is younger than {@link #DEAD_AFTER}.
 */
public class NodeRegistry implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

	static final Duration BEAT = Duration.ofSeconds(10);

	static final Duration DEAD_AFTER = Duration.ofSeconds(60);

	private final JdbcClient jdbc;

	private final String nodeId;

	private final String host;

	private final long pid;

	private final String kind;

	private final ScheduledExecutorService heartbeat;

	public NodeRegistry(JdbcClient jdbc, String kind) {
		this.jdbc = jdbc;
		this.host = thisHost();
		this.pid = ProcessHandle.current().pid();
		this.kind = kind;
		this.nodeId = host + ":" + pid + ":" + UUID.randomUUID();
		register();
		heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "node-heartbeat");
			t.setDaemon(true);
			return t;
		});
		heartbeat.scheduleAtFixedRate(this::beat, BEAT.toSeconds(), BEAT.toSeconds(), TimeUnit.SECONDS);
	}

	private void register() {
		jdbc.sql("INSERT INTO batch_node (node_id, host, pid, kind, started_at, last_seen) "
				+ "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
			.params(nodeId, host, pid, kind)
			.update();
	}

	public String nodeId() {
		return nodeId;
	}

	public String host() {
		return host;
	}

	public long pid() {
		return pid;
	}

	private void beat() {
		try {
			if (jdbc.sql("UPDATE batch_node SET last_seen = CURRENT_TIMESTAMP WHERE node_id = ?")
				.param(nodeId)
				.update() == 0) {
				// removed while this process was suspended past DEAD_AFTER: its
				// executions may have been recovered; it is a node again from now on
				log.warn("node {} was missing from batch_node; registering it again", nodeId);
				register();
			}
		}
		catch (RuntimeException e) {
			log.warn("node heartbeat failed: {}", e.getMessage());
		}
	}

	/**
	 * Whether the node that owns an execution is certainly gone, and how that is known:
	 * by its node id and heartbeat only, aged by the database's clock.
	 * @param ownerNode the owner's node id; {@code null} when not recorded (never dead)
	 */
	public Liveness liveness(@Nullable String ownerNode) {
		if (ownerNode == null) {
			return new Liveness(false, "its owner is not recorded");
		}
		if (ownerNode.equals(nodeId)) {
			return new Liveness(false, "this process runs it");
		}
		Optional<Heartbeat> beat = jdbc.sql("SELECT last_seen, CURRENT_TIMESTAMP FROM batch_node WHERE node_id = ?")
			.param(ownerNode)
			.query((rs, row) -> new Heartbeat(rs.getObject(1, OffsetDateTime.class),
					rs.getObject(2, OffsetDateTime.class)))
			.optional();
		if (beat.isEmpty()) {
			return new Liveness(true, "its node " + ownerNode + " has left");
		}
		Duration silent = Duration.between(beat.get().lastSeen(), beat.get().databaseNow());
		return silent.compareTo(DEAD_AFTER) > 0
				? new Liveness(true, "its node " + ownerNode + " has been silent for " + silent.toSeconds() + " s")
				: new Liveness(false,
						"its node " + ownerNode + " is alive (heartbeat " + silent.toSeconds() + " s ago)");
	}

	/** A node's last heartbeat and the database's time now. */
	private record Heartbeat(OffsetDateTime lastSeen, OffsetDateTime databaseNow) {
	}

	/**
	 * @param dead true when it is safe to recover the execution
	 */
	public record Liveness(boolean dead, String reason) {
	}

	/**
	 * Leaves the registry; never holds up a shutdown for long when the database is
	 * already gone.
	 */
	@Override
	public void close() {
		heartbeat.execute(() -> {
			try {
				jdbc.sql("DELETE FROM batch_node WHERE node_id = ?").param(nodeId).update();
			}
			catch (RuntimeException e) {
				// the stale row ages out; other nodes then see this one as dead
			}
		});
		heartbeat.shutdown();
		try {
			heartbeat.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		heartbeat.shutdownNow();
	}

	static String thisHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "localhost";
		}
	}

}
