package io.marketbatch.broker.dhan;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerUnavailableException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Dhan's error answers, in their three shapes: {@code {"errorCode":"DH-901",..}}, the
 * SDK's {@code {"remarks":{"error_code":..}}}, and the data APIs'
 * {@code {"status":"failed","data":{"806":"Data APIs not Subscribed"}}}. Token problems
 * (DH-901, 807-810) are rejections; rate limits (DH-904, 805) and server errors (DH-908,
 * 800) are transient; a missing Data API subscription (DH-902, 806) is neither, so it
 * fails the run without a retry; the rest are about the request.
 */
final class DhanErrors {

	private static final Set<String> AUTH_CODES = Set.of("DH-901", "807", "808", "809", "810");

	private static final Set<String> RATE_LIMIT_CODES = Set.of("DH-904", "805");

	private static final Set<String> SERVER_CODES = Set.of("DH-908", "800");

	private static final Set<String> NOT_SUBSCRIBED_CODES = Set.of("DH-902", "806");

	private DhanErrors() {
	}

	/** A code and its message, from whichever shape the body has. */
	private record DhanError(String code, String message) {

		static DhanError of(JsonNode body) {
			if (body == null) {
				return new DhanError("", "");
			}
			if (body.has("errorCode")) {
				return new DhanError(body.path("errorCode").asString(""), body.path("errorMessage").asString(""));
			}
			JsonNode remarks = body.path("remarks");
			if (remarks.has("error_code")) {
				return new DhanError(remarks.path("error_code").asString(""),
						remarks.path("error_message").asString(""));
			}
			if (failed(body)) {
				// {"status":"failed","data":{"806":"Data APIs not Subscribed"}}
				for (Map.Entry<String, JsonNode> entry : body.path("data").properties()) {
					return new DhanError(entry.getKey(), entry.getValue().asString(""));
				}
			}
			return new DhanError("", "");
		}

	}

	static boolean failed(JsonNode body) {
		return "failed".equals(body.path("status").asString(""));
	}

	/** An answer that came with HTTP 200 yet says {@code "status":"failed"}. */
	static Optional<BrokerException> inSuccessfulAnswer(JsonNode body, String what) {
		return failed(body) ? Optional.of(classifyOrData(200, body, what)) : Optional.empty();
	}

	private static BrokerException classifyOrData(int status, JsonNode body, String what) {
		BrokerException e = classify(status, body, what);
		return e != null ? e : new BrokerDataException("dhan: failed answer to " + what + ": " + body);
	}

	static @Nullable BrokerException classify(int status, @Nullable JsonNode body, String what) {
		DhanError error = DhanError.of(body);
		String code = error.code();
		String said = " (" + code + (error.message().isEmpty() ? "" : ": " + error.message()) + ") on " + what;
		if (AUTH_CODES.contains(code) || status == 401) {
			return new BrokerAuthException("dhan rejected the access token" + said
					+ ". Dhan tokens last 24 hours: renew it (or /v2/RenewToken) and set "
					+ "MARKETBATCH_DHAN_ACCESS_TOKEN (or marketbatch.dhan.access-token), then restart the run.");
		}
		if (RATE_LIMIT_CODES.contains(code) || status == 429) {
			return new BrokerUnavailableException("dhan: rate limited" + said);
		}
		if (SERVER_CODES.contains(code)) {
			return new BrokerUnavailableException("dhan: server error" + said);
		}
		if (NOT_SUBSCRIBED_CODES.contains(code)) {
			return new BrokerException("dhan: the account has no Data API subscription" + said
					+ ". The token is fine; subscribe to Dhan's Data APIs for this account.");
		}
		if (!code.isEmpty()) {
			return new BrokerDataException("dhan: " + code + " " + error.message() + " on " + what);
		}
		return null;
	}

}
