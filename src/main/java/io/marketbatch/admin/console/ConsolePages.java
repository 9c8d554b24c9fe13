package io.marketbatch.admin.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Every view of the console has its own address (bookmarkable, linkable from an alert);
 * each is the one page, which reads the address and draws the view. The page holds no
 * data: it asks the API, which answers 401 until the browser signs in.
 */
@Controller
@ConditionalOnWebApplication
class ConsolePages {

	@GetMapping({ "/", "/signin", "/jobs", "/jobs/{job}", "/executions/{id}", "/completeness", "/candles",
			"/candles/{symbol}", "/health" })
	String page() {
		return "forward:/index.html";
	}

}
