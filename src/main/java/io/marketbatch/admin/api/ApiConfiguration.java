package io.marketbatch.admin.api;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The admin HTTP API's token check, in the service only (commands run without a web
 * server).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiConfiguration {

	@Bean
	AdminToken adminToken(Environment environment) {
		return AdminToken.resolve(environment.getProperty("marketbatch.admin.token"),
				Path.of(environment.getProperty("marketbatch.admin.token-file", "data/admin-token")));
	}

	@Bean
	FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
				new AdminTokenFilter(token));
		registration.addUrlPatterns("/api/*", "/actuator/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
