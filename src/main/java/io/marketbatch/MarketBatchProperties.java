package io.marketbatch;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code marketbatch.*}; each also comes from the environment
 * (MARKETBATCH_BROKER, ...).
 */
@ConfigurationProperties("marketbatch")
public class MarketBatchProperties {

	/**
	 * Which broker feeds the jobs: sim (simulated, no credentials), upstox, kite, dhan,
	 * fyers.
	 */
	private String broker = "sim";

	/** The universe a job covers when it is given neither universe= nor symbols=. */
	private String universe = "FNO";

	/** Exchange whose calendar gates the jobs. */
	private String exchange = "NSE";

	/**
	 * Broker requests in flight at once inside one step (never above the broker's rate
	 * limit).
	 */
	private int concurrency = 4;

	/** Show a progress bar on the console for long runs. */
	private boolean progress = true;

	/** Pretend the time is this instant (demos and tests); unset: the system clock. */
	private Instant now;

	private final Retry retry = new Retry();

	private final Sim sim = new Sim();

	private final Calendar calendar = new Calendar();

	private final Schedule schedule = new Schedule();

	private final CatchUp catchUp = new CatchUp();

	private final Relaunch relaunch = new Relaunch();

	private final Account upstox = new Account("https://api.upstox.com",
			"https://assets.upstox.com/market-quote/instruments/exchange/NSE.json.gz");

	private final Account kite = new Account("https://api.kite.trade", null);

	private final Account dhan = new Account("https://api.dhan.co",
			"https://images.dhan.co/api-data/api-scrip-master.csv");

	private final Account fyers = new Account("https://api-t1.fyers.in",
			"https://public.fyers.in/sym_details/NSE_CM.csv");

	/**
	 * One broker account: where its API is and the credentials (each also from the
	 * environment, e.g. MARKETBATCH_UPSTOX_ACCESS_TOKEN). Secrets are never printed:
	 * toString masks them.
	 */
	public static class Account {

		private String baseUrl;

		/**
		 * The full URL of the instrument master (Upstox NSE.json.gz; Kite: base-url +
		 * /instruments).
		 */
		private String instrumentsUrl;

		private String accessToken;

		/** Kite's api_key. */
		private String apiKey;

		/** Dhan's client id. */
		private String clientId;

		/** Fyers' app id. */
		private String appId;

		private Duration timeout = Duration.ofSeconds(20);

		Account(String baseUrl, String instrumentsUrl) {
			this.baseUrl = baseUrl;
			this.instrumentsUrl = instrumentsUrl;
		}

		public String getBaseUrl() {
			return baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getInstrumentsUrl() {
			return instrumentsUrl;
		}

		public void setInstrumentsUrl(String instrumentsUrl) {
			this.instrumentsUrl = instrumentsUrl;
		}

		public String getAccessToken() {
			return accessToken;
		}

		public void setAccessToken(String accessToken) {
			this.accessToken = accessToken;
		}

		public String getApiKey() {
			return apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public String getClientId() {
			return clientId;
		}

		public void setClientId(String clientId) {
			this.clientId = clientId;
		}

		public String getAppId() {
			return appId;
		}

		public void setAppId(String appId) {
			this.appId = appId;
		}

		public Duration getTimeout() {
			return timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public String toString() {
			return "Account[baseUrl=" + baseUrl + ", accessToken=" + (accessToken == null ? "unset" : "******") + "]";
		}

	}

	public Account getUpstox() {
		return upstox;
	}

	public Account getKite() {
		return kite;
	}

	public Account getDhan() {
		return dhan;
	}

	public Account getFyers() {
		return fyers;
	}

	public static class Retry {

		/** Attempts of one broker call, the first included. */
		private int attempts = 3;

		/**
		 * Wait before the second attempt; each later wait is {@code multiplier} times
		 * longer.
		 */
		private Duration backoff = Duration.ofMillis(500);

		private double multiplier = 3.0;

		public int getAttempts() {
			return attempts;
		}

		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		public Duration getBackoff() {
			return backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

		public double getMultiplier() {
			return multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

	}

	public static class Sim {

		/** Added to every simulated request. */
		private Duration latency = Duration.ZERO;

		/** Share of requests that fail at random (seeded, so runs repeat). */
		private double failureRate = 0.0;

		/** Every request after the N-th fails. */
		private Long failAfter;

		/** How long the fail-after outage lasts; unset: until the process ends. */
		private Duration failFor;

		private long seed = 42;

		/**
		 * Every request fails as a rejected token would (never retried, never
		 * relaunched).
		 */
		private boolean rejectToken = false;

		public boolean isRejectToken() {
			return rejectToken;
		}

		public void setRejectToken(boolean rejectToken) {
			this.rejectToken = rejectToken;
		}

		public Duration getLatency() {
			return latency;
		}

		public void setLatency(Duration latency) {
			this.latency = latency;
		}

		public double getFailureRate() {
			return failureRate;
		}

		public void setFailureRate(double failureRate) {
			this.failureRate = failureRate;
		}

		public Long getFailAfter() {
			return failAfter;
		}

		public void setFailAfter(Long failAfter) {
			this.failAfter = failAfter;
		}

		public Duration getFailFor() {
			return failFor;
		}

		public void setFailFor(Duration failFor) {
			this.failFor = failFor;
		}

		public long getSeed() {
			return seed;
		}

		public void setSeed(long seed) {
			this.seed = seed;
		}

	}

	public static class Calendar {

		/** Every day a trading day with one 00:00-23:59 session (demos and tests). */
		private boolean alwaysOpen = false;

		public boolean isAlwaysOpen() {
			return alwaysOpen;
		}

		public void setAlwaysOpen(boolean alwaysOpen) {
			this.alwaysOpen = alwaysOpen;
		}

	}

	public static class Schedule {

		/**
		 * Switch every trigger off (the service then only serves the admin endpoint).
		 * Each trigger's cron is {@code marketbatch.schedule.<job>.cron}, read by the
		 * scheduler.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	public static class CatchUp {

		/**
		 * On start, fill what the service missed (first start: the two-month history).
		 */
		private boolean enabled = true;

		/** Trading days looked back on for a missing dailyBackfill or eodAggregation. */
		private int days = 5;

		public int getDays() {
			return days;
		}

		public void setDays(int days) {
			this.days = days;
		}

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	public static class Relaunch {

		/**
		 * Waits before each automatic restart of a FAILED scheduled run; the count is the
		 * number of relaunches.
		 */
		private java.util.List<Duration> delays = java.util.List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
				Duration.ofMinutes(15));

		public java.util.List<Duration> getDelays() {
			return delays;
		}

		public void setDelays(java.util.List<Duration> delays) {
			this.delays = delays;
		}

	}

	public Relaunch getRelaunch() {
		return relaunch;
	}

	public String getBroker() {
		return broker;
	}

	public void setBroker(String broker) {
		this.broker = broker;
	}

	public String getUniverse() {
		return universe;
	}

	public void setUniverse(String universe) {
		this.universe = universe;
	}

	public String getExchange() {
		return exchange;
	}

	public void setExchange(String exchange) {
		this.exchange = exchange;
	}

	public int getConcurrency() {
		return concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public boolean isProgress() {
		return progress;
	}

	public void setProgress(boolean progress) {
		this.progress = progress;
	}

	public Instant getNow() {
		return now;
	}

	public void setNow(Instant now) {
		this.now = now;
	}

	public Retry getRetry() {
		return retry;
	}

	public Sim getSim() {
		return sim;
	}

	public Calendar getCalendar() {
		return calendar;
	}

	public Schedule getSchedule() {
		return schedule;
	}

	public CatchUp getCatchUp() {
		return catchUp;
	}

}
