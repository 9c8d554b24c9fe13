package io.marketbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.scheduling.ScheduledRuns;
import io.marketbatch.support.RunningService;
import io.marketbatch.support.SettableClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code dashboards/market-batch.json} is importable as is and shows only what the
 * service exports: every PromQL expression in it names metrics found in a scrape of
 * {@code /actuator/prometheus} after one job ran.
 */
class GrafanaDashboardTest extends RunningService {

	private static final Path DASHBOARD = Path.of("dashboards/market-batch.json");

	/** Words in PromQL that are not metric names. */
	private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "by", "without", "max", "min",
			"avg", "count", "on", "ignoring", "group_left", "group_right", "histogram_quantile", "clamp_min",
			"clamp_max", "topk", "bottomk", "time", "vector", "scalar", "abs", "delta", "deriv", "changes", "resets",
			"label_replace", "sort", "sort_desc", "bool", "and", "or", "unless", "offset", "le", "le_", "sum_over_time",
			"max_over_time", "min_over_time", "avg_over_time", "last_over_time", "absent", "round", "ceil", "floor");

	@Autowired
	ScheduledRuns runs;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	@Test
	void everyQueryNamesAMetricTheServiceExports() throws Exception {
		// one scheduled run: a price snapshot fired inside its minute
		clock.setInside("2026-11-20T10:15", 1);
		runs.fire(JobNames.LTP_SNAPSHOT,
				LocalDateTime.parse("2026-11-20T10:15").atZone(TradingCalendar.IST).toInstant());
		assertThat(
				jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'", Long.class))
			.isEqualTo(1);
		String scrape = send(request("/actuator/prometheus")).body();
		Set<String> exported = scrape.lines()
			.filter(line -> !line.startsWith("#") && !line.isBlank())
			.map(line -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toCollection(TreeSet::new));
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/prometheus-names.txt"), String.join("\n", exported));

		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
		List<String> expressions = new ArrayList<>();
		collectExpressions(dashboard, expressions);
		assertThat(expressions).as("queries in the dashboard").hasSizeGreaterThanOrEqualTo(8);
		for (String expr : expressions) {
			Set<String> names = metricNames(expr);
			assertThat(names).as("metrics in " + expr).isNotEmpty();
			assertThat(exported).as("exported metrics, for " + expr).containsAll(names);
		}
	}

	@Test
	void theCheckFindsEveryMetricOfAnExpression() {
		assertThat(metricNames("sum by (broker) (rate(marketbatch_broker_requests_total{outcome!=\"success\"}"
				+ "[$__rate_interval])) / clamp_min(sum(rate(no_such_metric[5m])), 1e-9) or vector(0)"))
			.containsExactly("marketbatch_broker_requests_total", "no_such_metric");
	}

	@Test
	void itImportsAsIsWithThePrometheusDatasourceAsAnInput() throws Exception {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
		JsonNode input = dashboard.path("__inputs").get(0);
		assertThat(input.path("name").asString()).isEqualTo("DS_PROMETHEUS");
		assertThat(input.path("type").asString()).isEqualTo("datasource");
		assertThat(input.path("pluginId").asString()).isEqualTo("prometheus");
		assertThat(dashboard.path("uid").asString()).isNotBlank();
		assertThat(dashboard.path("title").asString()).isEqualTo("market-batch");
		for (JsonNode panel : dashboard.path("panels")) {
			if (!panel.path("type").asString().equals("row")) {
				assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
					.isEqualTo("${DS_PROMETHEUS}");
			}
		}
	}

	private static void collectExpressions(JsonNode node, List<String> expressions) {
		if (node.isObject()) {
			node.properties().forEach(field -> {
				if (field.getKey().equals("expr") || field.getKey().equals("query") && field.getValue().isString()
						&& field.getValue().asString().contains("(")) {
					expressions.add(field.getValue().asString());
				}
				else {
					collectExpressions(field.getValue(), expressions);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach(child -> collectExpressions(child, expressions));
		}
	}

	/**
	 * The identifiers of an expression that are neither PromQL, labels, nor template
	 * variables.
	 */
	static Set<String> metricNames(String expr) {
		String bare = expr.replaceAll("\\{[^}]*\\}", "")
			.replaceAll("\\b\\d[\\d.]*(e[-+]?\\d+)?\\b", "")
			.replaceAll("\"[^\"]*\"", "")
			.replaceAll("\\[[^\\]]*\\]", "")
			.replaceAll("\\$\\{?\\w+\\}?", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
		while (matcher.find()) {
			String word = matcher.group();
			if (!PROMQL.contains(word) && !word.matches("\\d.*") && !isDurationOrNumber(word)) {
				names.add(word);
			}
		}
		return names;
	}

	private static boolean isDurationOrNumber(String word) {
		return word.matches("(?i)[0-9.]+[smhdwy]?|e\\d+|inf|nan");
	}

}
