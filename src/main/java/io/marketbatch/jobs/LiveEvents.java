package io.marketbatch.jobs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What live capture sees, for whoever watches (the console's stream): ticks and each
 * finished 1-minute bar. Publishing never blocks the capture: events go into one bounded
 * queue (when it is full the event is dropped and counted) and a single thread hands them
 * to the listeners, which must not block either.
 */
public class LiveEvents implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

	/** A tick ({@code kind} tick: one price, cumulative day volume) or a finished bar. */
	public record Event(String kind, String symbol, Instant time, BigDecimal open, BigDecimal high, BigDecimal low,
			BigDecimal close, long volume) {

		public static Event tick(String symbol, Instant time, BigDecimal price, long dayVolume) {
			return new Event("tick", symbol, time, price, price, price, price, dayVolume);
		}

		public static Event bar(String symbol, Instant minute, BigDecimal open, BigDecimal high, BigDecimal low,
				BigDecimal close, long volume) {
			return new Event("bar", symbol, minute, open, high, low, close, volume);
		}

	}

	private final BlockingQueue<Event> queue;

	private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

	private final AtomicLong dropped = new AtomicLong();

	private final Thread dispatcher;

	private volatile boolean closed;

	public LiveEvents(int capacity) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.dispatcher = new Thread(this::dispatch, "live-events");
		this.dispatcher.setDaemon(true);
		this.dispatcher.start();
	}

	/** Never blocks: with no listener nothing is queued; a full queue drops the event. */
	public void publish(Event event) {
		if (listeners.isEmpty()) {
			return;
		}
		if (!queue.offer(event)) {
			dropped.incrementAndGet();
		}
	}

	/** Events dropped because the listeners fell behind. */
	public long dropped() {
		return dropped.get();
	}

	public void listen(Consumer<Event> listener) {
		listeners.add(listener);
	}

	public void unlisten(Consumer<Event> listener) {
		listeners.remove(listener);
	}

	private void dispatch() {
		while (!closed) {
			try {
				Event event = queue.poll(500, TimeUnit.MILLISECONDS);
				if (event == null) {
					continue;
				}
				for (Consumer<Event> listener : listeners) {
					try {
						listener.accept(event);
					}
					catch (RuntimeException e) {
						log.debug("live event listener failed: {}", e.toString());
					}
				}
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	@Override
	public void close() {
		closed = true;
		dispatcher.interrupt();
	}

}
