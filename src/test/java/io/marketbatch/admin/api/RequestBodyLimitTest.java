package io.marketbatch.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.support.RunningService;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Request bodies over 64 KiB are refused (413) whatever the transfer encoding: a declared
 * length and a chunked body alike, on a real port; a body under the cap reaches the API
 * whole, and a form's fields stay readable.
 */
class RequestBodyLimitTest extends RunningService {

	private static final String EXECUTIONS = "/api/jobs/historyBackfill/executions";

	/** A JSON body of about {@code size} bytes with a bad 'from'. */
	private static byte[] body(int size) {
		return ("{\"from\":\"not-a-date\",\"pad\":\"" + "x".repeat(Math.max(0, size - 32)) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
		return send(request(EXECUTIONS).header("Content-Type", "application/json").POST(body));
	}

	/** No length declared: Java's client sends it chunked. */
	private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
		return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
	}

	@Test
	void aChunkedBodyOverTheCapIsRefused() throws Exception {
		HttpResponse<String> response = post(chunked(body(200 * 1024)));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("over 64 KiB");
	}

	@Test
	void aDeclaredBodyOverTheCapIsRefused() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(body(65 * 1024)));
		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void aChunkedBodyUnderTheCapReachesTheApiWhole() throws Exception {
		HttpResponse<String> response = post(chunked(body(60 * 1024)));
		// the API read it all: it names the bad field
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("from");
	}

	@Test
	void aFormBodyKeepsItsFields() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signin");
		request.setQueryString("next=%2Fjobs");
		request.addParameter("next", "/jobs");
		request.setContentType("application/x-www-form-urlencoded");
		request.addHeader("Transfer-Encoding", "chunked");
		request.setContent("token=abc%2Bdef&remember=on".getBytes(StandardCharsets.UTF_8));
		MockFilterChain chain = new MockFilterChain();
		new RequestBodyLimitFilter().doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest().getParameter("token")).isEqualTo("abc+def");
		assertThat(chain.getRequest().getParameter("remember")).isEqualTo("on");
		assertThat(chain.getRequest().getParameter("next")).isEqualTo("/jobs");
	}

	@Test
	void aFormBodyOverTheCapIsRefused() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signin");
		request.setContentType("application/x-www-form-urlencoded");
		request.addHeader("Transfer-Encoding", "chunked");
		request.setContent(("token=" + "a".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		new RequestBodyLimitFilter().doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(chain.getRequest()).as("not passed on").isNull();
	}

}
