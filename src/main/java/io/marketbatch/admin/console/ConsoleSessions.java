package io.marketbatch.admin.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;

/**
 * The console's sign-in sessions, started from the admin token and kept in memory (a
 * restart signs everyone out): an HttpOnly, SameSite=Strict cookie names the session, and
 * every state-changing call must repeat the session's CSRF token in a header.
 */
public class ConsoleSessions {

	/** The cookie that carries the session id. */
	public static final String COOKIE = "MB_SESSION";

	/** The header a state-changing call repeats the session's CSRF token in. */
	public static final String CSRF_HEADER = "X-CSRF-Token";

	/** Sessions end after this long without a call. */
	static final Duration IDLE = Duration.ofHours(8);

	/** More sessions than this (a script signing in in a loop) evicts the oldest. */
	static final int MAX_SESSIONS = 1000;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	/**
	 * The real clock: session ages are wall-clock, whatever time the service pretends.
	 */
	private final Clock clock = Clock.systemUTC();

	/** A signed-in browser: its id (the cookie), its CSRF token and its last call. */
	public record Session(String id, String csrf, Instant lastSeen) {

		public boolean csrfMatches(@Nullable String presented) {
			return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
					presented.getBytes(StandardCharsets.UTF_8));
		}

	}

	public Session start() {
		if (sessions.size() >= MAX_SESSIONS) {
			sessions.values()
				.stream()
				.min(Comparator.comparing(Session::lastSeen))
				.ifPresent(oldest -> sessions.remove(oldest.id()));
		}
		Session session = new Session(randomHex(), randomHex(), clock.instant());
		sessions.put(session.id(), session);
		return session;
	}

	/** The request's live session (and its idle time restarts), if it has one. */
	public Optional<Session> find(HttpServletRequest request) {
		String id = cookie(request);
		if (id == null) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Session session = sessions.computeIfPresent(id,
				(key, s) -> s.lastSeen().plus(IDLE).isBefore(now) ? null : new Session(s.id(), s.csrf(), now));
		return Optional.ofNullable(session);
	}

	public void end(HttpServletRequest request) {
		String id = cookie(request);
		if (id != null) {
			sessions.remove(id);
		}
	}

	/** The cookie that names {@code session}; secure when the request came over TLS. */
	public static ResponseCookie cookie(Session session, boolean secure) {
		return ResponseCookie.from(COOKIE, session.id())
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path("/")
			.build();
	}

	/** The cookie that clears the session's. */
	public static ResponseCookie cleared(boolean secure) {
		return ResponseCookie.from(COOKIE, "")
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path("/")
			.maxAge(0)
			.build();
	}

	private static @Nullable String cookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private String randomHex() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
