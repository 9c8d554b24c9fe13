package io.marketbatch.admin.console;

import io.marketbatch.admin.InstrumentSearch;
import io.marketbatch.jobs.LiveEvents;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's parts, in the service only (commands run without a web server). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ConsoleConfiguration {

	@Bean
	ExecutionEvents executionEvents(JdbcClient jdbc) {
		return new ExecutionEvents(jdbc);
	}

	@Bean
	LiveStream liveStream(LiveEvents liveEvents, ExecutionEvents executionEvents) {
		return new LiveStream(liveEvents, executionEvents);
	}

	@Bean
	InstrumentSearch instrumentSearch(JdbcClient jdbc) {
		return new InstrumentSearch(jdbc);
	}

	@Bean
	FilterRegistrationBean<SecurityHeaders> securityHeaders() {
		FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
