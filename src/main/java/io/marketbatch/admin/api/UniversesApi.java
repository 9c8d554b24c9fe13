package io.marketbatch.admin.api;

import io.marketbatch.admin.ExchangeTime;
import io.marketbatch.store.UniverseException;
import io.marketbatch.store.UniverseStore;
import io.marketbatch.store.UniverseSummary;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Universes over HTTP: list and show every kind (built-in, custom, dynamic); create,
 * replace, change (add/remove), merge and delete custom ones. 400 names the field and its
 * form, 404 an unknown universe, 409 a name that is built-in, dynamic or taken.
 */
@RestController
@RequestMapping("/api/universes")
class UniversesApi {

	private static final String SYMBOLS_FORM = "a list of symbols such as [\"RELIANCE\", \"TCS\"] or \"RELIANCE,TCS\"";

	private final UniverseStore store;

	UniversesApi(UniverseStore store) {
		this.store = store;
	}

	/** A universe with its symbols (when shown alone) and its last change in IST. */
	record Universe(String name, String kind, String source, String description, @Nullable Integer members,
			@Nullable OffsetDateTime updatedAt, @Nullable List<String> symbols) {
	}

	@GetMapping
	List<Universe> list() {
		return store.list().stream().map(u -> view(u, null)).toList();
	}

	@GetMapping("/{name}")
	Universe show(@PathVariable String name) {
		UniverseSummary universe = store.find(name)
			.orElseThrow(() -> new UniverseException(UniverseException.Kind.NOT_FOUND,
					"no universe named '" + name.toUpperCase(Locale.ROOT) + "' (see GET /api/universes)"));
		return view(universe, store.symbols(universe.name()));
	}

	/** {@code {"name": "MYLIST", "symbols": ["TCS", "INFY"], "description": "..."}}. */
	@PostMapping
	ResponseEntity<Universe> create(@RequestBody JsonNode body) {
		object(body);
		UniverseSummary created = store.create(text(body, "name", true), symbols(body, "symbols"),
				text(body, "description", false));
		return ResponseEntity.created(URI.create("/api/universes/" + created.name()))
			.body(view(created, store.symbols(created.name())));
	}

	/** Replaces a custom universe's symbols, or creates it. */
	@PutMapping("/{name}")
	Universe replace(@PathVariable String name, @RequestBody JsonNode body) {
		object(body);
		UniverseSummary replaced = store.replace(name, symbols(body, "symbols"), text(body, "description", false));
		return view(replaced, store.symbols(replaced.name()));
	}

	/** {@code {"add": ["TCS"], "remove": ["INFY"]}}: either or both. */
	@PatchMapping("/{name}")
	Universe change(@PathVariable String name, @RequestBody JsonNode body) {
		object(body);
		UniverseSummary changed = store.change(name, symbols(body, "add"), symbols(body, "remove"));
		return view(changed, store.symbols(changed.name()));
	}

	/** {@code {"name": "NEW", "from": ["IT", "BANKNIFTY"], "description": "..."}}. */
	@PostMapping("/merge")
	ResponseEntity<Universe> merge(@RequestBody JsonNode body) {
		object(body);
		UniverseSummary merged = store.merge(text(body, "name", true), symbols(body, "from"),
				text(body, "description", false));
		return ResponseEntity.created(URI.create("/api/universes/" + merged.name()))
			.body(view(merged, store.symbols(merged.name())));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		store.delete(name);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(UniverseException.class)
	ResponseEntity<ApiViews.Problem> refused(UniverseException e) {
		HttpStatus status = switch (e.kind()) {
			case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
		};
		return ResponseEntity.status(status).body(new ApiViews.Problem(e.getMessage()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiViews.Problem> unreadable(HttpMessageNotReadableException e) {
		return ResponseEntity.badRequest()
			.body(new ApiViews.Problem("malformed JSON body: expected an object such as "
					+ "{\"name\": \"MYLIST\", \"symbols\": [\"RELIANCE\", \"TCS\"]}"));
	}

	private static Universe view(UniverseSummary u, @Nullable List<String> symbols) {
		return new Universe(u.name(), u.kind(), u.source(), u.description(),
				symbols != null && u.members() == null ? Integer.valueOf(symbols.size()) : u.members(),
				u.updatedAt() == null ? null : ExchangeTime.of(u.updatedAt().toInstant()), symbols);
	}

	private static void object(JsonNode body) {
		if (!body.isObject()) {
			throw bad("malformed JSON body: expected an object such as "
					+ "{\"name\": \"MYLIST\", \"symbols\": [\"RELIANCE\", \"TCS\"]}");
		}
	}

	private static @Nullable String text(JsonNode body, String field, boolean required) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			if (required) {
				throw bad("field '" + field + "' is required: a universe name such as \"MYLIST\"");
			}
			return null;
		}
		if (!node.isString() || node.asString().isBlank()) {
			throw bad("field '" + field + "': expected a non-empty string");
		}
		return node.asString().strip();
	}

	/**
	 * A list of symbols (or names), upper case, without duplicates; empty when absent.
	 */
	private static List<String> symbols(JsonNode body, String field) {
		JsonNode node = body.get(field);
		List<String> values = new ArrayList<>();
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (node.isString()) {
			values.addAll(Arrays.asList(node.asString().split(",")));
		}
		else if (node.isArray()) {
			for (JsonNode item : node) {
				if (!item.isString()) {
					throw bad("field '" + field + "': expected " + SYMBOLS_FORM + ", got an item " + item);
				}
				values.add(item.asString());
			}
		}
		else {
			throw bad("field '" + field + "': expected " + SYMBOLS_FORM);
		}
		return List.copyOf(new LinkedHashSet<>(
				values.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList()));
	}

	private static UniverseException bad(String message) {
		return new UniverseException(UniverseException.Kind.BAD_REQUEST, message);
	}

}
