package io.marketbatch.broker.sim;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated broker's fault knobs: latency per request, a seeded random failure rate,
 * and an outage after the N-th request that lasts {@code failFor} (or until the process
 * ends).
 */
public class SimFaults {

	private final AtomicLong requests = new AtomicLong();

	private final Clock clock;

	private volatile Duration latency;

	private volatile double failureRate;

	private volatile Long failAfter;

	private volatile Duration failFor;

	private volatile Instant outageStarted;

	private volatile boolean rejectToken;

	private volatile SimToken token = SimToken.immortal();

	private final Random random;

	public SimFaults(Clock clock, Duration latency, double failureRate, Long failAfter, Duration failFor, long seed) {
		this.clock = clock;
		this.latency = latency == null ? Duration.ZERO : latency;
		this.failureRate = failureRate;
		this.failAfter = failAfter;
		this.failFor = failFor;
		this.random = new Random(seed);
	}

	/** Counts one request, waits the latency, and fails it when a knob says so. */
	void onRequest(String what) {
		long n = checkToken(what);
		if (!latency.isZero()) {
			try {
				Thread.sleep(latency.toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new BrokerUnavailableException("sim: interrupted during " + what);
			}
		}
		Long after = failAfter;
		if (after != null && n > after) {
			Instant now = clock.instant();
			synchronized (this) {
				if (outageStarted == null) {
					outageStarted = now;
				}
			}
			if (failFor == null || now.isBefore(outageStarted.plus(failFor))) {
				throw new BrokerUnavailableException("sim: broker unavailable (injected outage after request " + after
						+ "), request " + n + ": " + what);
			}
		}
		if (failureRate > 0) {
			double draw;
			synchronized (random) {
				draw = random.nextDouble();
			}
			if (draw < failureRate) {
				throw new BrokerUnavailableException("sim: injected random failure, request " + n + ": " + what);
			}
		}
	}

	/** Counts one request and fails it when the token is rejected; the request number. */
	long checkToken(String what) {
		long n = requests.incrementAndGet();
		if (rejectToken) {
			throw new BrokerAuthException("sim: the broker rejected the access token (request " + n + ": " + what
					+ "); renew it (marketbatch.sim.reject-token=false) and restart the run");
		}
		token.check(n, what);
		return n;
	}

	/** The token whose expiry the simulated broker enforces. */
	public void token(SimToken token) {
		this.token = token;
	}

	/** Every request fails as an expired token would, until switched off. */
	public void rejectToken(boolean reject) {
		this.rejectToken = reject;
	}

	public long requestCount() {
		return requests.get();
	}

	/**
	 * Change the knobs of a running broker (tests and demos); resets any outage in
	 * progress.
	 */
	public synchronized void reset(Duration latency, double failureRate, Long failAfter, Duration failFor) {
		this.latency = latency == null ? Duration.ZERO : latency;
		this.failureRate = failureRate;
		this.failAfter = failAfter == null ? null : requests.get() + failAfter;
		this.failFor = failFor;
		this.outageStarted = null;
	}

}
