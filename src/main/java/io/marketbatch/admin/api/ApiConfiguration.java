package io.marketbatch.admin.api;

import io.marketbatch.admin.AdminProperties;
import io.marketbatch.admin.console.ConsoleSessions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The admin HTTP API's token check (the bearer token or a console session), in the
 * service only (commands run without a web server).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(AdminProperties.class)
class ApiConfiguration {

	@Bean
	AdminToken adminToken(AdminProperties properties) {
		return AdminToken.resolve(properties.token(), properties.tokenFile());
	}

	/** The console's sign-in sessions, which the token check accepts beside the token. */
	@Bean
	ConsoleSessions consoleSessions() {
		return new ConsoleSessions();
	}

	@Bean
	FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token, ConsoleSessions sessions) {
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
				new AdminTokenFilter(token, sessions));
		registration.addUrlPatterns("/api/*", "/actuator/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
