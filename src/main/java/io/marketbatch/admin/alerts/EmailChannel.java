package io.marketbatch.admin.alerts;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Alerts by e-mail through Spring Boot's mail sender ({@code spring.mail.*}). */
final class EmailChannel implements AlertChannel {

	private final JavaMailSender mail;

	private final List<String> to;

	private final @Nullable String from;

	EmailChannel(JavaMailSender mail, List<String> to, @Nullable String from) {
		this.mail = mail;
		this.to = List.copyOf(to);
		this.from = from;
	}

	@Override
	public String name() {
		return "email";
	}

	@Override
	public void send(Alert alert) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo(to.toArray(String[]::new));
		if (from != null && !from.isBlank()) {
			message.setFrom(from);
		}
		message.setSubject(alert.title());
		message.setText(alert.text());
		mail.send(message);
	}

}
