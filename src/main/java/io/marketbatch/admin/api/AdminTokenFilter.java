package io.marketbatch.admin.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/**} and actuator call but {@code /actuator/health} needs
 * {@code Authorization: Bearer <token>}; request bodies over 64 KiB are refused before
 * they are read.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

	static final long MAX_BODY = 64 * 1024;

	private final AdminToken token;

	public AdminTokenFilter(AdminToken token) {
		this.token = token;
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
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", "Bearer realm=\"market-batch\"");
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"error\":\"missing or invalid bearer token: send Authorization: Bearer <marketbatch.admin.token>\"}");
			return;
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
