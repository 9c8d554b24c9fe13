package io.marketbatch.admin.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers a browser expects of an admin surface, on every answer: a strict content
 * security policy (the console has no inline script or style), no framing, no MIME
 * sniffing, no referrer beyond this origin.
 */
class SecurityHeaders extends OncePerRequestFilter {

	static final String POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
			+ "object-src 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", POLICY);
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-Content-Type-Options", "nosniff");
		// same-origin, not no-referrer: with no-referrer a form post says "Origin: null",
		// and the
		// sign-in form proves where it was posted from by its Origin
		response.setHeader("Referrer-Policy", "same-origin");
		chain.doFilter(request, response);
	}

}
