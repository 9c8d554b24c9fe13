package io.marketbatch.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The admin token: the configured one, else the saved one, else one generated and saved;
 * and none at all in a command (no web server).
 */
class AdminTokenConfigurationTest {

	@TempDir
	Path dir;

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withUserConfiguration(ApiConfiguration.class);

	@Test
	void theConfiguredTokenWinsOverTheFile() throws Exception {
		Path file = Files.writeString(this.dir.resolve("admin-token"), "saved\n");
		this.web.withPropertyValues("marketbatch.admin.token= configured ", "marketbatch.admin.token-file=" + file)
			.run(context -> {
				AdminToken token = context.getBean(AdminToken.class);
				assertThat(token.matches("configured")).isTrue();
				assertThat(token.matches("saved")).isFalse();
			});
	}

	@Test
	void withoutOneTheSavedTokenIsRead() throws Exception {
		Path file = Files.writeString(this.dir.resolve("admin-token"), "saved\n");
		this.web.withPropertyValues("marketbatch.admin.token-file=" + file)
			.run(context -> assertThat(context.getBean(AdminToken.class).matches("saved")).isTrue());
	}

	@Test
	void onFirstStartOneIsGeneratedAndSaved() {
		Path file = this.dir.resolve("data/admin-token");
		this.web.withPropertyValues("marketbatch.admin.token-file=" + file).run(context -> {
			assertThat(file).isRegularFile();
			String saved = Files.readString(file).strip();
			assertThat(saved).hasSize(64);
			assertThat(context.getBean(AdminToken.class).matches(saved)).isTrue();
		});
	}

	@Test
	void commandsHaveNoAdminToken() {
		new ApplicationContextRunner().withUserConfiguration(ApiConfiguration.class)
			.run(context -> assertThat(context).doesNotHaveBean(AdminToken.class));
	}

}
