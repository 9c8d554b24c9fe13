package io.marketbatch.admin.api;

import io.marketbatch.admin.console.ConsoleSessions;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's sign-in: the form posts the admin token (field {@code token}) to
 * {@code /signin}; a match starts a session (HttpOnly, SameSite=Strict cookie) and goes
 * on to the page asked for, a mismatch goes back to the form, which says so. The page
 * learns its CSRF token from {@code GET /api/session}.
 */
@RestController
@ConditionalOnWebApplication
class SessionApi {

	private final AdminToken token;

	private final ConsoleSessions sessions;

	SessionApi(AdminToken token, ConsoleSessions sessions) {
		this.token = token;
		this.sessions = sessions;
	}

	/** The session's CSRF token; null when the caller came with the bearer token. */
	record SessionView(@Nullable String csrf, String via) {
	}

	@PostMapping(path = "/signin", consumes = "application/x-www-form-urlencoded")
	ResponseEntity<Void> signIn(@RequestParam(required = false) String token,
			@RequestParam(required = false) String next, HttpServletRequest request) throws InterruptedException {
		if (!sameOrigin(request)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		String target = safeTarget(next);
		if (token == null || !this.token.matches(token.strip())) {
			// a guess costs a moment: the token cannot be found by trying fast
			Thread.sleep(250);
			return ResponseEntity.status(HttpStatus.SEE_OTHER)
				.location(URI.create("/signin?failed=1&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)))
				.build();
		}
		ConsoleSessions.Session session = sessions.start();
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.SET_COOKIE, ConsoleSessions.cookie(session, request.isSecure()).toString())
			.location(URI.create(target))
			.build();
	}

	@GetMapping("/api/session")
	SessionView session(HttpServletRequest request) {
		return sessions.find(request)
			.map(s -> new SessionView(s.csrf(), "session"))
			.orElseGet(() -> new SessionView(null, "bearer"));
	}

	@DeleteMapping("/api/session")
	ResponseEntity<Void> signOut(HttpServletRequest request) {
		sessions.end(request);
		return ResponseEntity.noContent()
			.header(HttpHeaders.SET_COOKIE, ConsoleSessions.cleared(request.isSecure()).toString())
			.build();
	}

	/**
	 * A page of this console, never another site: a path of ours, not {@code //host} or
	 * {@code /\host}.
	 */
	static String safeTarget(@Nullable String next) {
		if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
				|| next.startsWith("/signin") || next.length() > 2000) {
			return "/jobs";
		}
		return next;
	}

	/**
	 * A browser names the page a form was posted from: a form on another site cannot sign
	 * a browser in (login CSRF).
	 */
	private static boolean sameOrigin(HttpServletRequest request) {
		String origin = request.getHeader("Origin");
		if (origin == null || origin.equals("null")) {
			return origin == null;
		}
		String host = request.getHeader("Host");
		return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
	}

}
