package io.marketbatch.admin.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Caps every request body at {@value #MAX_BODY} bytes whatever its transfer encoding: a
 * declared length over it is refused unread, and a chunked (or undeclared) body is read
 * up to one byte past it before the request goes on, then handed on from memory. Over the
 * cap: 413. A form body's fields stay readable as parameters.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	public static final int MAX_BODY = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
		if (!hasBody || isMultipart(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (declared > MAX_BODY) {
			tooLarge(response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			tooLarge(response);
			return;
		}
		chain.doFilter(new CachedBody(request, body), response);
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
	}

	private static void tooLarge(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setHeader("Connection", "close");
		response.setContentType("application/json");
		response.getWriter().write("{\"error\":\"request body over 64 KiB\"}");
	}

	/** The request with its body read into memory. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		private final @Nullable Map<String, String[]> parameters;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.parameters = isForm(request) ? withForm(request, body) : null;
		}

		private static boolean isForm(HttpServletRequest request) {
			String type = request.getContentType();
			return type != null && MediaType.APPLICATION_FORM_URLENCODED
				.includes(MediaType.parseMediaType(type).removeQualityValue());
		}

		/** The query's parameters, then the form's (as the container would give them). */
		private static Map<String, String[]> withForm(HttpServletRequest request, byte[] body) {
			Map<String, List<String>> merged = new LinkedHashMap<>();
			request.getParameterMap()
				.forEach((name, values) -> merged.put(name, new java.util.ArrayList<>(List.of(values))));
			Charset charset = (request.getCharacterEncoding() == null) ? StandardCharsets.UTF_8
					: Charset.forName(request.getCharacterEncoding());
			UriComponentsBuilder.newInstance()
				.query(new String(body, charset))
				.build()
				.getQueryParams()
				.forEach((name,
						values) -> values.forEach(value -> merged
							.computeIfAbsent(decode(name, charset), key -> new java.util.ArrayList<>())
							.add(value == null ? "" : decode(value, charset))));
			Map<String, String[]> parameters = new LinkedHashMap<>();
			merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
			return Collections.unmodifiableMap(parameters);
		}

		private static String decode(String text, Charset charset) {
			return java.net.URLDecoder.decode(text, charset);
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was read already");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding == null) ? StandardCharsets.UTF_8 : Charset.forName(encoding);
			InputStream in = new ByteArrayInputStream(body);
			return new BufferedReader(new InputStreamReader(in, charset));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public @Nullable String getParameter(String name) {
			if (parameters == null) {
				return super.getParameter(name);
			}
			String[] values = parameters.get(name);
			return (values == null || values.length == 0) ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return (parameters == null) ? super.getParameterMap() : parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return (parameters == null) ? super.getParameterNames() : Collections.enumeration(parameters.keySet());
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return (parameters == null) ? super.getParameterValues(name) : parameters.get(name);
		}

	}

}
