package io.marketbatch.broker.kite;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerUnavailableException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Kite's error answers, {@code {"status":"error","message":..,"error_type":..}}, by
 * {@code error_type}: only a TokenException is a rejected token (HTTP 403 also carries
 * PermissionException); NetworkException and DataException (a bad answer from Kite's
 * backend, HTTP 502) are transient; a PermissionException is the app's missing
 * permission, which no retry and no new token fixes; InputException and the rest are
 * about the request, so that instrument is skipped.
 */
final class KiteErrors {

	private KiteErrors() {
	}

	static @Nullable BrokerException classify(int status, @Nullable JsonNode body, String what) {
		String type = body == null ? "" : body.path("error_type").asString("");
		String message = body == null ? "" : body.path("message").asString("");
		String said = " (HTTP " + status + (type.isEmpty() ? "" : ", " + type)
				+ (message.isEmpty() ? "" : ": " + message) + ") on " + what;
		return switch (type) {
			case "TokenException" -> new BrokerAuthException("kite rejected the access token" + said
					+ ". Kite tokens expire at 06:00 IST every day: log in again, then set MARKETBATCH_KITE_ACCESS_TOKEN "
					+ "(or marketbatch.kite.access-token) at start, or without a restart: PUT /api/brokers/kite/token "
					+ "or `token set kite <token> [apiKey]`.");
			case "PermissionException" -> new BrokerException("kite: the app lacks a permission" + said
					+ ". The token is fine; enable the missing permission for the Kite Connect app "
					+ "(1-minute history needs the historical-data add-on) at developers.kite.trade.");
			case "NetworkException", "DataException" ->
				new BrokerUnavailableException("kite: transient " + type + said);
			case "GeneralException" -> status >= 500 ? new BrokerUnavailableException("kite: server error" + said)
					: new BrokerDataException("kite: " + type + said);
			default -> status == 429 ? new BrokerUnavailableException("kite: too many requests" + said)
					: status < 500 && !type.isEmpty() ? new BrokerDataException("kite: " + type + said) : null;
		};
	}

}
