package io.marketbatch.admin.alerts;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where alerts go and when data raises one ({@code marketbatch.alerts.*}). A channel is
 * on when its address is set; with none set, nothing is tracked or sent. toString masks
 * the secrets (the bot token, the webhook addresses).
 *
 * @param consoleUrl the console's base address, for the links in each alert; unset: the
 * service's own ({@code http://127.0.0.1:8080} with the default server settings)
 * @param completenessThreshold percent of the last closed day's expected 1-minute candles
 * below which an alert is raised
 * @param checkEvery how often data freshness, completeness and health are evaluated (0:
 * never)
 * @param timeout the longest one channel may take to send one message
 * @param healthIgnored health components whose DOWN or STALE raises no alert of its own
 * (the token and freshness have their own, more precise alerts)
 * @param webhook a generic JSON webhook
 * @param slack a Slack-compatible incoming webhook ({@code {"text": ...}})
 * @param telegram a Telegram bot
 * @param email e-mail through Spring Boot's mail sender ({@code spring.mail.*})
 */
@ConfigurationProperties("marketbatch.alerts")
public record AlertProperties(@Nullable String consoleUrl, @DefaultValue("99") double completenessThreshold,
		@DefaultValue("PT1M") Duration checkEvery, @DefaultValue("PT10S") Duration timeout, @DefaultValue( {
				"brokerToken", "dataFreshness" }) List<String> healthIgnored,
		@DefaultValue Webhook webhook, @DefaultValue Slack slack, @DefaultValue Telegram telegram,
		@DefaultValue Email email){

	/**
	 * @param url where each alert is POSTed as JSON
	 */
	public record Webhook(@Nullable String url) {

		@Override
		public String toString() {
			return "Webhook[url=" + mask(url) + "]";
		}

	}

	/**
	 * @param url the incoming-webhook address
	 */
	public record Slack(@Nullable String url) {

		@Override
		public String toString() {
			return "Slack[url=" + mask(url) + "]";
		}

	}

	/**
	 * @param botToken the bot's token (from BotFather)
	 * @param chatId the chat the bot writes to
	 * @param baseUrl the Bot API's address (tests point it at a local server)
	 */
	public record Telegram(@Nullable String botToken, @Nullable String chatId,
			@DefaultValue("https://api.telegram.org") String baseUrl) {

		@Override
		public String toString() {
			return "Telegram[botToken=" + mask(botToken) + ", chatId=" + chatId + ", baseUrl=" + baseUrl + "]";
		}

	}

	/**
	 * @param to the recipients
	 * @param from the sender; unset: the mail server's default
	 * ({@code spring.mail.username})
	 */
	public record Email(@DefaultValue List<String> to, @Nullable String from) {
	}

	private static String mask(@Nullable String secret) {
		return (secret == null || secret.isBlank()) ? "unset" : "******";
	}

}
