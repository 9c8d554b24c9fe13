package io.marketbatch.admin.alerts;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends each alert through every channel on threads of its own, so a slow or failing
 * channel never holds up or fails a job: each send is bounded by the channel's timeout,
 * and a failure is one warning in the log.
 */
public class AlertDispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

	private final List<AlertChannel> channels;

	private final Secrets secrets;

	private final Duration timeout;

	private final ThreadPoolExecutor executor;

	public AlertDispatcher(List<AlertChannel> channels, Secrets secrets, Duration timeout) {
		this.channels = List.copyOf(channels);
		this.secrets = secrets;
		this.timeout = timeout;
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1000), task -> {
			Thread thread = new Thread(task, "alerts-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.allowCoreThreadTimeOut(true);
	}

	public boolean hasChannels() {
		return !channels.isEmpty();
	}

	public List<String> channelNames() {
		return channels.stream().map(AlertChannel::name).toList();
	}

	/** Queues the alert for every channel and returns at once. */
	public void dispatch(Alert alert) {
		for (AlertChannel channel : channels) {
			try {
				executor.execute(() -> send(channel, alert));
			}
			catch (RejectedExecutionException e) {
				log.warn("alert not sent through {} (queue full or shutting down): {}", channel.name(), alert.title());
			}
		}
	}

	private void send(AlertChannel channel, Alert alert) {
		try {
			channel.send(alert);
			log.info("alert sent through {}: {}", channel.name(), alert.title());
		}
		catch (Exception e) {
			String why = (e.getMessage() == null) ? e.getClass().getSimpleName() : e.getMessage();
			log.warn("alert not sent through {}: {} ({})", channel.name(), secrets.redact(why), alert.title());
		}
	}

	/** Lets queued alerts go out, for at most one timeout, when the service stops. */
	@Override
	public void destroy() throws InterruptedException {
		executor.shutdown();
		if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			executor.shutdownNow();
		}
	}

}
