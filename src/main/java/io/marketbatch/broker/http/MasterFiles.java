package io.marketbatch.broker.http;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reading brokers' instrument-master CSV files (quoted fields included) and their loose
 * numbers.
 */
public final class MasterFiles {

	private static final CsvMapper CSV = new CsvMapper();

	private MasterFiles() {
	}

	/** Rows of a CSV with a header line, as column name to value. */
	public static MappingIterator<Map<String, String>> withHeader(InputStream in) {
		return CSV.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(in);
	}

	/** Rows of a CSV without a header line, as arrays of values. */
	public static MappingIterator<String[]> withoutHeader(InputStream in) {
		return CSV.readerFor(String[].class).with(CsvReadFeature.WRAP_AS_ARRAY).readValues(in);
	}

	public static @Nullable Integer integer(@Nullable String s) {
		try {
			return s == null || s.isBlank() ? null : (int) Double.parseDouble(s);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/**
	 * A tick size given in paise (Upstox's JSON master, Dhan's scrip master: 5.0 =
	 * ₹0.05), in rupees like Kite's and Fyers' masters, as it is stored.
	 */
	public static BigDecimal rupeesFromPaise(BigDecimal paise) {
		BigDecimal rupees = paise.movePointLeft(2).stripTrailingZeros();
		// 10.00 is stored as 10, not 1E+1
		return rupees.scale() < 0 ? rupees.setScale(0) : rupees;
	}

	/**
	 * {@link #rupeesFromPaise(BigDecimal)} of a CSV field, empty when it is no number.
	 */
	public static Optional<BigDecimal> rupeesFromPaise(String paise) {
		return Optional.ofNullable(decimal(paise)).map(MasterFiles::rupeesFromPaise);
	}

	public static @Nullable BigDecimal decimal(@Nullable String s) {
		try {
			return s == null || s.isBlank() ? null : new BigDecimal(s.strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

}
