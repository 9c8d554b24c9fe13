package io.marketbatch.broker.upstox;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerUnavailableException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Upstox's error answers, {@code {"status":"error","errors":[{"errorCode":..}]}}: a 401
 * or UDAPI100050 is a rejected token, a 429 or UDAPI10005 the rate limit, another coded
 * 4xx is about the request.
 */
final class UpstoxErrors {

	private UpstoxErrors() {
	}

	static @Nullable BrokerException classify(int status, @Nullable JsonNode body, String what) {
		JsonNode error = body == null ? null : body.path("errors").path(0);
		String code = error == null ? "" : error.path("error_code").asString(error.path("errorCode").asString(""));
		String message = error == null ? "" : error.path("message").asString("");
		if (status == 401 || "UDAPI100050".equals(code)) {
			return new BrokerAuthException("upstox rejected the access token (HTTP " + status
					+ (code.isEmpty() ? "" : ", " + code) + (message.isEmpty() ? "" : ": " + message) + ") on " + what
					+ ". Upstox tokens expire at 03:30 IST every day (an Analytics Token lasts a year): set a new one "
					+ "with PUT /api/brokers/upstox/token or `token set upstox <token>` (no restart needed), or "
					+ "MARKETBATCH_UPSTOX_ACCESS_TOKEN (marketbatch.upstox.access-token) at start.");
		}
		if (status == 429 || "UDAPI10005".equals(code)) {
			return new BrokerUnavailableException("upstox: rate limited (" + code + ") on " + what);
		}
		if (status < 500 && !code.isEmpty()) {
			return new BrokerDataException("upstox: " + code + " " + message + " on " + what);
		}
		return null;
	}

}
