package io.marketbatch.admin.api;

import io.marketbatch.admin.console.ConsoleSessions;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/**} and actuator call but {@code /actuator/health} needs
 * {@code Authorization: Bearer <token>} or the cookie of a console session signed in with
 * that token; a session's state-changing calls must also repeat its CSRF token in
 * {@code X-CSRF-Token}. Request bodies over 64 KiB are refused before they are read.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

	static final long MAX_BODY = 64 * 1024;

	/** The methods that change nothing, so a session needs no CSRF token for them. */
	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final AdminToken token;

	private final ConsoleSessions sessions;

	public AdminTokenFilter(AdminToken token, ConsoleSessions sessions) {
		this.token = token;
		this.sessions = sessions;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean protectedPath = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
		boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
		return !protectedPath || health;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
				? header.substring(7).strip() : null;
		if (!token.matches(presented)) {
			Optional<ConsoleSessions.Session> session = presented == null ? sessions.find(request) : Optional.empty();
			if (session.isEmpty()) {
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				response.setHeader("WWW-Authenticate", "Bearer realm=\"market-batch\"");
				response.setContentType("application/json");
				response.getWriter()
					.write("{\"error\":\"missing or invalid bearer token: send Authorization: Bearer <marketbatch.admin.token>\"}");
				return;
			}
			if (!SAFE_METHODS.contains(request.getMethod())
					&& !session.get().csrfMatches(request.getHeader(ConsoleSessions.CSRF_HEADER))) {
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				response.setContentType("application/json");
				response.getWriter()
					.write("{\"error\":\"missing or wrong X-CSRF-Token header: a console session's changes must "
							+ "repeat the token GET /api/session answers\"}");
				return;
			}
		}
		if (request.getContentLengthLong() > MAX_BODY) {
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			response.setContentType("application/json");
			response.getWriter().write("{\"error\":\"request body over 64 KiB\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
