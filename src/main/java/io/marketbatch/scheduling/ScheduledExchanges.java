package io.marketbatch.scheduling;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which exchanges the scheduled jobs cover ({@code marketbatch.exchanges}, e.g.
 * {@code NSE,MCX:MCX_TOP}): each exchange fires its own instances by its own calendar,
 * with the universe after the colon (the default universe otherwise). Unset: the
 * configured exchange only ({@code marketbatch.exchange}).
 *
 * @param exchanges exchange codes, each optionally {@code :UNIVERSE}
 */
@ConfigurationProperties("marketbatch")
public record ScheduledExchanges(@Nullable List<String> exchanges) {

	/** One exchange the schedule covers, with its universe (null: the default one). */
	public record Covered(String exchange, @Nullable String universe) {
	}

	/**
	 * The exchanges covered; the configured exchange alone when none is set.
	 */
	public List<Covered> covered(String configured) {
		if (exchanges == null || exchanges.isEmpty()) {
			return List.of(new Covered(configured, null));
		}
		return exchanges.stream().map(String::strip).filter(e -> !e.isEmpty()).map(e -> {
			String[] parts = e.toUpperCase(Locale.ROOT).split(":", 2);
			return new Covered(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null);
		}).toList();
	}

}
