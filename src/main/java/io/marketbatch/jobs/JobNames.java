package io.marketbatch.jobs;

import java.util.List;

/**
 * The stable job names: part of the public interface (command line, job repository,
 * schedules).
 */
public final class JobNames {

	public static final String INSTRUMENT_SYNC = "instrumentSync";

	public static final String LTP_SNAPSHOT = "ltpSnapshot";

	public static final String GAP_FILL = "gapFill";

	public static final String DAILY_BACKFILL = "dailyBackfill";

	public static final String EOD_AGGREGATION = "eodAggregation";

	public static final String HISTORY_BACKFILL = "historyBackfill";

	public static final String HOUSEKEEPING = "housekeeping";

	public static final String LIVE_CAPTURE = "liveCapture";

	public static final List<String> ALL = List.of(INSTRUMENT_SYNC, LTP_SNAPSHOT, GAP_FILL, DAILY_BACKFILL,
			EOD_AGGREGATION, HISTORY_BACKFILL, HOUSEKEEPING, LIVE_CAPTURE);

	private JobNames() {
	}

}
