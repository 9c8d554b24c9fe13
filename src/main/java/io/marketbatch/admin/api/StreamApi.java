package io.marketbatch.admin.api;

import io.marketbatch.admin.console.LiveStream;
import io.marketbatch.jobs.launch.JobRequests;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream?symbols=A,B}: live ticks, finished 1-minute bars and job status
 * changes as server-sent events (every symbol without {@code symbols}); the same token
 * rules as the rest of {@code /api}.
 */
@RestController
@RequestMapping("/api")
@ConditionalOnWebApplication
class StreamApi {

	private final LiveStream stream;

	StreamApi(LiveStream stream) {
		this.stream = stream;
	}

	@GetMapping(path = "/stream", produces = "text/event-stream")
	SseEmitter stream(@RequestParam(required = false) @Nullable String symbols) {
		return stream
			.subscribe(symbols == null || symbols.isBlank() ? Set.of() : Set.copyOf(JobRequests.symbols(symbols)));
	}

}
