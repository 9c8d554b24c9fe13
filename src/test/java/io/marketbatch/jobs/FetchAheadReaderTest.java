package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.Instrument;
import io.marketbatch.support.TestCalendars;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The backfill's reader ahead of the writer: windows in order, fetched ahead on the
 * broker pool up to a bound, the checkpoint at the last window handed out, and the plan's
 * hole scan kept for the step.
 */
class FetchAheadReaderTest {

	private static final LocalDate FROM = LocalDate.of(2026, 7, 1);

	private static final LocalDate TO = LocalDate.of(2026, 9, 30);

	private static final String INDEX = "windows.instrument.index";

	private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();

	/** Hole scans per instrument id. */
	private final Map<Long, AtomicInteger> scans = new ConcurrentHashMap<>();

	FetchAheadReaderTest() {
		pool.setCorePoolSize(4);
		pool.setMaxPoolSize(4);
		pool.initialize();
	}

	@AfterEach
	void stop() {
		pool.shutdown();
	}

	private static List<Instrument> instruments(int n) {
		return IntStream.rangeClosed(1, n)
			.mapToObj(i -> new Instrument(i, "NSE", "S" + (100 + i), null, null, "EQ", null))
			.toList();
	}

	/**
	 * Every trading day of July to September is a hole: two windows per instrument at 60
	 * days a request.
	 */
	private FetchWindowReader windows(int instruments) {
		return new FetchWindowReader("windows", () -> instruments(instruments), TestCalendars::nse, (cal, id, f, t) -> {
			scans.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
			return cal.tradingDays(f, t);
		}, new BrokerLimits(1000, Period.ofDays(60)), FROM, TO, true);
	}

	private static CandleBatch fetched(FetchWindow w) {
		return CandleBatch.of(w.instrument(), CandleBatch.MINUTE_DATASET, "test", List.of());
	}

	@Test
	void thePlanScansEachInstrumentOnceAndTheStepReadsWhatItCounted() throws Exception {
		FetchWindowReader windows = windows(5);
		ExecutionContext checkpoint = new ExecutionContext();
		checkpoint.putInt(INDEX, 2);
		assertThat(windows.plan(new ExecutionContext(checkpoint))).isEqualTo(3 * 2);
		windows.open(checkpoint);
		List<Long> read = new ArrayList<>();
		for (FetchWindow w = windows.read(); w != null; w = windows.read()) {
			read.add(w.instrument().id());
		}
		windows.close();
		assertThat(read).containsExactly(3L, 3L, 4L, 4L, 5L, 5L);
		// from the checkpoint on, one scan each, the plan's
		assertThat(scans).containsOnlyKeys(3L, 4L, 5L);
		assertThat(scans.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
	}

	@Test
	void aStepOpenedFromAnotherCheckpointScansAfresh() throws Exception {
		FetchWindowReader windows = windows(3);
		windows.plan(new ExecutionContext());
		ExecutionContext later = new ExecutionContext();
		later.putInt(INDEX, 2);
		windows.open(later);
		assertThat(windows.read().instrument().id()).isEqualTo(3);
		assertThat(scans.get(3L).get()).isEqualTo(2);
	}

	@Test
	void windowsComeInOrderFetchedAheadUpToTheBoundAndTheCheckpointIsTheLastHandedOut() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		FetchAheadReader reader = new FetchAheadReader(windows(10), w -> {
			started.incrementAndGet();
			// the first window's answer is slow; the others are quick
			if (w.instrument().id() == 1 && w.from().getMonthValue() == 7) {
				release.await(10, TimeUnit.SECONDS);
			}
			return fetched(w);
		}, pool, 5);
		reader.open(new ExecutionContext());
		Thread first = new Thread(() -> {
			try {
				assertThat(reader.read().instrumentId()).isEqualTo(1);
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		first.start();
		// the first read waits for window 1 while the next ones are fetched, 5 ahead at
		// most (1 handed out + 5)
		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 6);
		release.countDown();
		first.join(5000);
		List<Long> ids = new ArrayList<>();
		ExecutionContext context = new ExecutionContext();
		for (int i = 0; i < 4; i++) {
			ids.add(reader.read().instrumentId());
		}
		// windows 2..5 handed out: instruments 1, 2, 2, 3; 5 more fetched ahead (up to
		// instrument 5)
		assertThat(ids).containsExactly(1L, 2L, 2L, 3L);
		reader.update(context);
		assertThat(context.getInt(INDEX)).as("the instrument of the last window handed out, not fetched").isEqualTo(2);
		int read = 5;
		while (reader.read() != null) {
			read++;
		}
		assertThat(read).isEqualTo(20);
		reader.close();
	}

	@Test
	void aFailedFetchFailsTheReadAtItsTurnAndTheRestAreCancelled() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		FetchAheadReader reader = new FetchAheadReader(windows(10), w -> {
			calls.incrementAndGet();
			// the third window
			if (w.instrument().id() == 2 && w.from().getMonthValue() == 7) {
				throw new BrokerUnavailableException("test: HTTP 503");
			}
			return fetched(w);
		}, pool, 4);
		reader.open(new ExecutionContext());
		reader.read();
		reader.read();
		assertThatThrownBy(reader::read).isInstanceOf(BrokerUnavailableException.class).hasMessageContaining("503");
		reader.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> pool.getActiveCount() == 0);
		assertThat(calls.get()).isLessThanOrEqualTo(3 + 4);
	}

}
