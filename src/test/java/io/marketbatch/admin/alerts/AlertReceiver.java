package io.marketbatch.admin.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP receiver for the webhook, Slack and Telegram channels: records every
 * request by path and answers 200, or what a test tells one path to answer (500, or
 * nothing for a while).
 */
final class AlertReceiver implements AutoCloseable {

	record Received(String path, String body) {

		JsonNode json() {
			return JSON.readTree(body);
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();

	AlertReceiver() {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String path = request.getUrl().encodedPath();
				received.add(new Received(path, request.getBody() == null ? "" : request.getBody().utf8()));
				return answers.entrySet()
					.stream()
					.filter(answer -> path.startsWith(answer.getKey()))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElseGet(() -> new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
			}
		});
		try {
			server.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String url(String path) {
		return server.url(path).toString();
	}

	/** What arrived at paths starting with {@code prefix}, oldest first. */
	List<Received> at(String prefix) {
		return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
	}

	List<Received> all() {
		return List.copyOf(received);
	}

	void failWith(String prefix, int code) {
		answers.put(prefix, new MockResponse.Builder().code(code).body("{\"ok\":false}").build());
	}

	void hang(String prefix, long seconds) {
		answers.put(prefix, new MockResponse.Builder().code(200).headersDelay(seconds, TimeUnit.SECONDS).build());
	}

	void reset() {
		received.clear();
		answers.clear();
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}
