package io.marketbatch.admin.console;

import io.marketbatch.jobs.LiveEvents;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream}: live capture's ticks and finished 1-minute bars, and job
 * status changes, as server-sent events ({@code tick}, {@code bar}, {@code execution}).
 * Every client has a bounded queue that a small pool of writers drains: a slow client
 * loses its oldest events (counted), never slows the capture or the other clients.
 */
public class LiveStream implements ApplicationListener<ContextClosedEvent>, AutoCloseable {

	/** Events a client may fall behind by before it loses them. */
	static final int CLIENT_QUEUE = 1_000;

	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private static final AtomicInteger WRITERS = new AtomicInteger();

	private final LiveEvents live;

	private final ExecutionEvents executions;

	private final Set<Client> clients = ConcurrentHashMap.newKeySet();

	private final ExecutorService writers = Executors.newFixedThreadPool(4, runnable -> {
		Thread thread = new Thread(runnable, "live-stream-" + WRITERS.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "live-stream-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final Consumer<LiveEvents.Event> onLive = this::onLive;

	private final Consumer<ExecutionEvents.Progress> onExecution = this::onExecution;

	private final AtomicLong dropped = new AtomicLong();

	public LiveStream(LiveEvents live, ExecutionEvents executions) {
		this.live = live;
		this.executions = executions;
		heartbeat.scheduleWithFixedDelay(
				() -> clients.forEach(c -> c.offer(SseEmitter.event().comment("heartbeat").build())),
				HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
	}

	/** A new client, for the given symbols (empty: all). */
	public SseEmitter subscribe(Set<String> symbols) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Client client = new Client(emitter, Set.copyOf(symbols));
		emitter.onCompletion(() -> remove(client));
		emitter.onTimeout(() -> remove(client));
		emitter.onError(e -> remove(client));
		synchronized (this) {
			if (clients.isEmpty()) {
				live.listen(onLive);
				executions.listen(onExecution);
			}
			clients.add(client);
		}
		client.offer(SseEmitter.event()
			.name("hello")
			.data(symbols.isEmpty() ? "listening to every symbol" : "listening to " + String.join(",", symbols))
			.build());
		return emitter;
	}

	/** Clients connected now. */
	public int clients() {
		return clients.size();
	}

	/** Events clients lost because they fell behind. */
	public long dropped() {
		return dropped.get();
	}

	private synchronized void remove(Client client) {
		if (clients.remove(client) && clients.isEmpty()) {
			live.unlisten(onLive);
			executions.unlisten(onExecution);
		}
	}

	private void onLive(LiveEvents.Event event) {
		// built once: the same frames go to every client
		Set<DataWithMediaType> sse = null;
		for (Client client : clients) {
			if (client.symbols().isEmpty() || client.symbols().contains(event.symbol())) {
				if (sse == null) {
					sse = SseEmitter.event().name(event.kind()).data(event, MediaType.APPLICATION_JSON).build();
				}
				client.offer(sse);
			}
		}
	}

	private void onExecution(ExecutionEvents.Progress progress) {
		Set<DataWithMediaType> sse = SseEmitter.event()
			.name("execution")
			.data(progress, MediaType.APPLICATION_JSON)
			.build();
		clients.forEach(client -> client.offer(sse));
	}

	/** One browser or reader: its emitter, its symbols and its queue. */
	private final class Client {

		private final SseEmitter emitter;

		private final Set<String> symbols;

		private final BlockingQueue<Set<DataWithMediaType>> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);

		private final AtomicBoolean draining = new AtomicBoolean();

		Client(SseEmitter emitter, Set<String> symbols) {
			this.emitter = emitter;
			this.symbols = symbols;
		}

		Set<String> symbols() {
			return symbols;
		}

		void offer(Set<DataWithMediaType> event) {
			while (!queue.offer(event)) {
				// full: the oldest event goes, so a slow client sees the newest prices
				if (queue.poll() != null) {
					dropped.incrementAndGet();
				}
			}
			if (draining.compareAndSet(false, true)) {
				writers.execute(this::drain);
			}
		}

		private void drain() {
			try {
				for (Set<DataWithMediaType> event = queue.poll(); event != null; event = queue.poll()) {
					emitter.send(event);
				}
			}
			catch (IOException | IllegalStateException e) {
				remove(this);
				queue.clear();
			}
			finally {
				draining.set(false);
			}
			if (!queue.isEmpty() && clients.contains(this) && draining.compareAndSet(false, true)) {
				writers.execute(this::drain);
			}
		}

	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		close();
	}

	@Override
	public void close() {
		heartbeat.shutdownNow();
		clients.forEach(c -> c.emitter.complete());
		clients.clear();
		writers.shutdownNow();
		live.unlisten(onLive);
		executions.unlisten(onExecution);
	}

}
