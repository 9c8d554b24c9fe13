package io.marketbatch.jobs.launch;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A launch request's {@code name=value} strings, unparsed, and the one place that reads
 * them as dates and minutes, with an error that names the parameter and the expected
 * form.
 */
public record RawParameters(Map<String, String> values) {

	/** Minutes are given and stored as {@code yyyy-MM-ddTHH:mm} in IST. */
	public static final DateTimeFormatter MINUTE_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

	public RawParameters {
		values = Map.copyOf(values);
	}

	public Optional<String> get(String name) {
		return Optional.ofNullable(values.get(name));
	}

	/** The date given as {@code name}, else {@code fallback}. */
	public LocalDate date(String name, LocalDate fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new BadJobRequestException("parameter '" + name + "': expected a date as yyyy-MM-dd (e.g. " + fallback
					+ "), got '" + value + "'");
		}
	}

	/** The minute given as {@code name}, else {@code fallback}. */
	public LocalDateTime minute(String name, LocalDateTime fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return LocalDateTime.parse(value.strip(), MINUTE_FORMAT);
		}
		catch (DateTimeParseException e) {
			throw new BadJobRequestException(
					"parameter '" + name + "': expected a minute as yyyy-MM-ddTHH:mm in IST (e.g. " + minute(fallback)
							+ "), got '" + value + "'");
		}
	}

	public static String minute(LocalDateTime minute) {
		return MINUTE_FORMAT.format(minute);
	}

	/** A business date may not lie after today. */
	public static LocalDate notAfter(String name, LocalDate date, LocalDate today) {
		if (date.isAfter(today)) {
			throw new BadJobRequestException(
					"parameter '" + name + "' (" + date + ") is in the future; today is " + today + " (IST)");
		}
		return date;
	}

}
