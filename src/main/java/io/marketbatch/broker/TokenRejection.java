package io.marketbatch.broker;

import java.time.Instant;

/**
 * The broker rejected the token: from then on this process sends no request to it until a
 * newer token is set.
 *
 * @param broker the broker's name
 * @param at when the rejection came
 * @param reason the broker's answer, with what to do about it
 */
public record TokenRejection(String broker, Instant at, String reason) {

	/** How to give the service a new token without a restart. */
	public String renewal() {
		return "set a new token: PUT /api/brokers/" + broker + "/token {\"accessToken\":\"…\"} or java -jar "
				+ "market-batch.jar token set " + broker + " <token>";
	}

}
