package io.marketbatch.jobs.launch;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.DynamicUniverses;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Turns a launch request (job name and {@code name=value} strings, from the command line,
 * a preset, the scheduler or the API) into the job's identifying parameters through the
 * job's {@link JobSpec}: checks every value, fills the defaults in so the business key is
 * explicit, and says exactly what is wrong otherwise. Nothing is launched here.
 */
public class JobRequests {

	public static final String BUSINESS_DATE = "businessDate";

	public static final String MINUTE = "minute";

	public static final String RUN_AT = "runAt";

	public static final String FROM = "from";

	public static final String TO = "to";

	public static final String UNIVERSE = "universe";

	public static final String SYMBOLS = "symbols";

	/**
	 * Every job's exchange (NSE, BSE, NFO, BFO, CDS, BCD, MCX): identifying, so the same
	 * day on two exchanges is two instances.
	 */
	public static final String EXCHANGE = "exchange";

	/**
	 * Added by an explicit re-run so a COMPLETED instance runs again as a new instance.
	 */
	public static final String RERUN = "rerun";

	private final Map<String, JobSpec> specs;

	private final Clock clock;

	private final CalendarRepository calendars;

	private final InstrumentDirectory directory;

	private final String defaultUniverse;

	public JobRequests(List<JobSpec> specs, Clock clock, CalendarRepository calendars, InstrumentDirectory directory,
			String defaultUniverse) {
		this.specs = specs.stream()
			.collect(Collectors.toMap(JobSpec::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		this.clock = clock;
		this.calendars = calendars;
		this.directory = directory;
		this.defaultUniverse = defaultUniverse;
	}

	/** The spec of a job; an unknown name is a bad request. */
	public JobSpec spec(String job) {
		JobSpec spec = specs.get(job);
		if (spec == null) {
			throw unknownJob(job, specs.keySet());
		}
		return spec;
	}

	public List<JobSpec> specs() {
		return List.copyOf(specs.values());
	}

	public static BadJobRequestException unknownJob(String job, Iterable<String> known) {
		return new BadJobRequestException("unknown job '" + job + "': the jobs are " + String.join(", ", known));
	}

	/**
	 * @param raw the request's {@code name=value} pairs, unparsed
	 * @param rerun launch a new instance even if one with these parameters COMPLETED
	 */
	public JobParameters parameters(String job, Map<String, String> raw, boolean rerun) {
		JobSpec spec = spec(job);
		List<String> accepted = accepted(spec);
		for (String name : raw.keySet()) {
			if (!accepted.contains(name)) {
				throw new BadJobRequestException("unknown parameter '" + name + "' for " + job + ": it takes "
						+ String.join(", ", accepted.stream().map(n -> n + "=").toList()));
			}
		}
		Instant now = clock.instant();
		RawParameters values = new RawParameters(raw);
		String exchange = exchange(spec, values);
		TradingCalendar calendar = calendars.load(exchange);
		JobParametersBuilder params = new JobParametersBuilder();
		spec.resolve(values, now, calendar, params);
		if (spec.takesSelection()) {
			selection(values, exchange, params);
		}
		params.addString(EXCHANGE, exchange);
		if (rerun) {
			params.addLong(RERUN, now.toEpochMilli());
		}
		return params.toJobParameters();
	}

	/** The parameters a request for {@code spec} may give: its own and the exchange. */
	public static List<String> accepted(JobSpec spec) {
		List<String> accepted = new ArrayList<>(spec.parameters());
		accepted.add(EXCHANGE);
		return accepted;
	}

	/**
	 * The request's exchange: as given, else the exchange of the universe given, else the
	 * configured one.
	 */
	private String exchange(JobSpec spec, RawParameters raw) {
		Optional<String> given = raw.get(EXCHANGE).map(e -> e.strip().toUpperCase(Locale.ROOT));
		if (given.isPresent()) {
			return known(given.get());
		}
		Optional<String> universe = spec.takesSelection()
				? raw.get(UNIVERSE).map(u -> u.strip().toUpperCase(Locale.ROOT)) : Optional.empty();
		return universe.flatMap(directory::universeExchange).orElse(calendars.exchange());
	}

	/**
	 * {@code exchange} when the calendar knows it; a bad request naming the known ones.
	 */
	public String known(String exchange) {
		if (!calendars.knows(exchange)) {
			throw new BadJobRequestException("parameter 'exchange': unknown exchange '" + exchange
					+ "'; the exchanges are " + String.join(", ", calendars.exchanges()));
		}
		return exchange;
	}

	private void selection(RawParameters raw, String exchange, JobParametersBuilder params) {
		if (raw.get(UNIVERSE).isPresent() && raw.get(SYMBOLS).isPresent()) {
			throw new BadJobRequestException("give either 'universe' or 'symbols', not both");
		}
		if (raw.get(SYMBOLS).isPresent()) {
			List<String> list = symbols(raw.get(SYMBOLS).get());
			List<String> unknown = directory.unknownSymbols(exchange, list);
			if (!unknown.isEmpty()) {
				throw new BadJobRequestException("parameter 'symbols': unknown symbol(s) " + String.join(", ", unknown)
						+ " on " + exchange + " (run instrumentSync first if they are new listings)");
			}
			params.addString(SYMBOLS, String.join(",", list));
			return;
		}
		String name = raw.get(UNIVERSE).map(u -> u.strip().toUpperCase(Locale.ROOT)).orElse(defaultUniverse);
		if (DynamicUniverses.isDynamic(name)) {
			dynamicSelection(name, params);
			return;
		}
		if (name.isEmpty() || !directory.universeExists(name)) {
			List<String> known = new ArrayList<>(directory.universeNames());
			known.addAll(DynamicUniverses.names());
			throw new BadJobRequestException(
					"parameter 'universe': no universe named '" + name + "'; known: " + String.join(", ", known));
		}
		Optional<String> owner = directory.universeExchange(name);
		if (owner.isPresent() && !owner.get().equals(exchange)) {
			throw new BadJobRequestException("parameter 'universe': " + name + " is a universe of " + owner.get()
					+ ", not of exchange " + exchange + "; give universe= of " + exchange + " or symbols=");
		}
		params.addString(UNIVERSE, name);
	}

	/**
	 * A dynamic universe is resolved now, and its members go with the run as a
	 * non-identifying {@code symbols} parameter: the readers take {@code symbols} first,
	 * so a restart reads the very same instruments, whatever the market did since.
	 */
	private void dynamicSelection(String name, JobParametersBuilder params) {
		List<String> members;
		try {
			members = directory.universe(name).stream().map(Instrument::symbol).toList();
		}
		catch (IllegalArgumentException e) {
			throw new BadJobRequestException("parameter 'universe': " + e.getMessage());
		}
		if (members.isEmpty()) {
			throw new BadJobRequestException("parameter 'universe': " + name
					+ " ranks the latest ltp_snapshot, and there is none yet: run ltpSnapshot on another universe first");
		}
		params.addString(UNIVERSE, name);
		params.addString(SYMBOLS, String.join(",", members), false);
	}

	public static List<String> symbols(String value) {
		List<String> list = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(value.split(","))
			.map(s -> s.strip().toUpperCase(Locale.ROOT))
			.filter(s -> !s.isEmpty())
			.toList()));
		if (list.isEmpty()) {
			throw new BadJobRequestException(
					"parameter 'symbols': expected a comma-separated list of symbols such as RELIANCE,TCS,M&M");
		}
		return list;
	}

	/** Parses {@code name=value} arguments; a malformed one is a bad request. */
	public static Map<String, String> parseAssignments(List<String> args) {
		Map<String, String> raw = new LinkedHashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new BadJobRequestException("expected a parameter as name=value, got '" + arg + "'");
			}
			raw.put(arg.substring(0, eq).strip(), arg.substring(eq + 1));
		}
		return raw;
	}

}
