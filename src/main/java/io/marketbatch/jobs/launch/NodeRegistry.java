package io.marketbatch.jobs.launch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This process as a node in {@code batch_node}, with a heartbeat every {@link #BEAT}.
 * Another node counts it alive while its heartbeat is younger than {@link #DEAD_AFTER};
 * on the same host the process table answers directly.
 */
public class NodeRegistry implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

	static final Duration BEAT = Duration.ofSeconds(10);

	static final Duration DEAD_AFTER = Duration.ofSeconds(60);

	private final JdbcClient jdbc;

	private final String nodeId;

	private final String host;

	private final long pid;

	private final ScheduledExecutorService heartbeat;

	public NodeRegistry(JdbcClient jdbc, String kind) {
		this.jdbc = jdbc;
		this.host = thisHost();
		this.pid = ProcessHandle.current().pid();
		this.nodeId = host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
		OffsetDateTime now = now();
		jdbc.sql("INSERT INTO batch_node (node_id, host, pid, kind, started_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)")
			.params(nodeId, host, pid, kind, now, now)
			.update();
		heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "node-heartbeat");
			t.setDaemon(true);
			return t;
		});
		heartbeat.scheduleAtFixedRate(this::beat, BEAT.toSeconds(), BEAT.toSeconds(), TimeUnit.SECONDS);
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
			jdbc.sql("UPDATE batch_node SET last_seen = ? WHERE node_id = ?").params(now(), nodeId).update();
		}
		catch (RuntimeException e) {
			log.warn("node heartbeat failed: {}", e.getMessage());
		}
	}

	/**
	 * Whether the node that owns an execution is certainly gone, and how that is known.
	 */
	public Liveness liveness(String ownerNode, String ownerHost, long ownerPid) {
		if (ownerHost != null && ownerHost.equals(host)) {
			Optional<ProcessHandle> process = ProcessHandle.of(ownerPid);
			return process.isPresent() && process.get().isAlive()
					? new Liveness(false, "process " + ownerPid + " on this host is still running it")
					: new Liveness(true, "its process " + ownerPid + " on this host is gone");
		}
		if (ownerNode == null) {
			return new Liveness(false, "its owner is not recorded");
		}
		Optional<OffsetDateTime> lastSeen = jdbc.sql("SELECT last_seen FROM batch_node WHERE node_id = ?")
			.param(ownerNode)
			.query(OffsetDateTime.class)
			.optional();
		if (lastSeen.isEmpty()) {
			return new Liveness(true, "its node " + ownerNode + " has left");
		}
		Duration silent = Duration.between(lastSeen.get().toInstant(), Instant.now());
		return silent.compareTo(DEAD_AFTER) > 0
				? new Liveness(true, "its node " + ownerNode + " has been silent for " + silent.toSeconds() + " s")
				: new Liveness(false,
						"its node " + ownerNode + " is alive (heartbeat " + silent.toSeconds() + " s ago)");
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

	private static OffsetDateTime now() {
		// heartbeats compare wall clocks across nodes, never the pretended
		// marketbatch.now
		return OffsetDateTime.ofInstant(Clock.systemUTC().instant(), ZoneOffset.UTC);
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
