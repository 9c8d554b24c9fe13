package io.marketbatch.admin.api;

import io.marketbatch.broker.TokenRejection;
import io.marketbatch.broker.TokenRenewal;
import io.marketbatch.jobs.launch.BadJobRequestException;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A new broker token without a restart: stored for every process on the database, and a
 * rejected token's latch lifts at once. The token is never echoed back.
 */
@RestController
@RequestMapping("/api/brokers")
class BrokersApi {

	/** {@code {"accessToken":"…"}}, Kite also {@code "apiKey"}. */
	record TokenRequest(@Nullable String accessToken, @Nullable String apiKey) {

		@Override
		public String toString() {
			return "TokenRequest[******]";
		}

	}

	/** What the service does with the broker now: UP, or DOWN with the rejection. */
	record TokenSet(String broker, String status, @Nullable String rejection) {
	}

	private final TokenRenewal renewal;

	BrokersApi(TokenRenewal renewal) {
		this.renewal = renewal;
	}

	@PutMapping("/{broker}/token")
	TokenSet token(@PathVariable String broker, @RequestBody TokenRequest request) {
		if (!TokenRenewal.BROKERS.contains(broker)) {
			throw new NotFoundException(
					"unknown broker '" + broker + "': the brokers are " + String.join(", ", TokenRenewal.BROKERS));
		}
		String token = request.accessToken();
		if (token == null || token.isBlank()) {
			throw new BadJobRequestException("accessToken: the new access token is required");
		}
		Optional<TokenRejection> still = renewal.renew(broker, token, Optional.ofNullable(request.apiKey()));
		return new TokenSet(broker, still.isPresent() ? "DOWN" : "UP", still.map(TokenRejection::reason).orElse(null));
	}

}
