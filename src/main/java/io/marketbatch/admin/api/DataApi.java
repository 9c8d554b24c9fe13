package io.marketbatch.admin.api;

import io.marketbatch.admin.DataQueries;
import io.marketbatch.store.Completeness;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Is the data complete, where are the holes, how fresh is it, and the bars. */
@RestController
@RequestMapping("/api")
class DataApi {

	private final DataQueries queries;

	DataApi(DataQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/data/completeness")
	Completeness.DayReport completeness(@RequestParam(required = false) String date,
			@RequestParam(required = false) String universe, @RequestParam(required = false) String symbols,
			@RequestParam(required = false) String exchange) {
		LocalDate day = DataQueries.date("date", date);
		return queries.completeness(day, queries.instruments(exchange, universe, symbols));
	}

	@GetMapping("/data/gaps")
	List<Completeness.InstrumentDay> gaps(@RequestParam String symbol, @RequestParam String from,
			@RequestParam String to, @RequestParam(required = false) String exchange) {
		return queries.gaps(exchange, symbol, DataQueries.date("from", from), DataQueries.date("to", to));
	}

	@GetMapping("/data/freshness")
	DataQueries.FreshnessReport freshness(@RequestParam(required = false) String universe,
			@RequestParam(required = false) String symbols, @RequestParam(required = false) String exchange) {
		return queries.freshness(queries.instruments(exchange, universe, symbols));
	}

	@GetMapping("/candles/{symbol}")
	List<DataQueries.Bar> candles(@PathVariable String symbol, @RequestParam(defaultValue = "1m") String timeframe,
			@RequestParam String from, @RequestParam String to, @RequestParam(required = false) String exchange) {
		return queries.candles(exchange, symbol, timeframe, DataQueries.date("from", from), DataQueries.date("to", to));
	}

}
