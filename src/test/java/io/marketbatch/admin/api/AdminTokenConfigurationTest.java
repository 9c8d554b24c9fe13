package io.marketbatch.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The admin token: the configured one, else the saved one, else one generated and saved
 * owner-only and printed once on the console (never through the logger); a blank token,
 * an empty file or a file others may read refuse the start with the fix; and none at all
 * in a command (no web server).
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenConfigurationTest {

	@TempDir
	Path dir;

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withUserConfiguration(ApiConfiguration.class);

	private Path ownerOnly(String name, String content) throws Exception {
		Path file = Files.writeString(this.dir.resolve(name), content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		return file;
	}

	@Test
	void theConfiguredTokenWinsOverTheFile() throws Exception {
		Path file = ownerOnly("admin-token", "saved\n");
		this.web.withPropertyValues("marketbatch.admin.token= configured ", "marketbatch.admin.token-file=" + file)
			.run(context -> {
				AdminToken token = context.getBean(AdminToken.class);
				assertThat(token.matches("configured")).isTrue();
				assertThat(token.matches("saved")).isFalse();
			});
	}

	@Test
	void withoutOneTheSavedTokenIsRead() throws Exception {
		Path file = ownerOnly("admin-token", "saved\n");
		this.web.withPropertyValues("marketbatch.admin.token-file=" + file)
			.run(context -> assertThat(context.getBean(AdminToken.class).matches("saved")).isTrue());
	}

	@Test
	void onFirstStartOneIsGeneratedSavedOwnerOnlyAndPrintedOnTheConsoleOnly(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("data/admin-token");
		PrintStream console = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			this.web.withPropertyValues("marketbatch.admin.token-file=" + file).run(context -> {
				assertThat(file).isRegularFile();
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
				String saved = Files.readString(file).strip();
				assertThat(saved).hasSize(64);
				assertThat(context.getBean(AdminToken.class).matches(saved)).isTrue();
				assertThat(printed.toString(StandardCharsets.UTF_8)).containsOnlyOnce(saved);
				assertThat(output.getAll()).as("never through the logger").doesNotContain(saved);
				assertThat(context.getBean(AdminToken.class).toString()).doesNotContain(saved);
			});
		}
		finally {
			System.setOut(console);
		}
		try (var leftovers = Files.list(file.getParent())) {
			assertThat(leftovers).as("no temporary file left").containsExactly(file);
		}
	}

	@Test
	void aBlankConfiguredTokenRefusesTheStart() {
		for (String blank : new String[] { "", "   " }) {
			this.web
				.withPropertyValues("marketbatch.admin.token=" + blank,
						"marketbatch.admin.token-file=" + this.dir.resolve("admin-token"))
				.run(context -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("marketbatch.admin.token (MARKETBATCH_ADMIN_TOKEN) is set but blank"));
		}
		assertThat(this.dir.resolve("admin-token")).as("no token generated instead").doesNotExist();
	}

	@Test
	void anEmptyTokenFileRefusesTheStart() throws Exception {
		Path file = ownerOnly("admin-token", " \n");
		this.web.withPropertyValues("marketbatch.admin.token-file=" + file)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("the admin token file " + file + " is empty"));
	}

	@Test
	void aTokenFileOthersMayReadRefusesTheStartWithTheFix() throws Exception {
		Path file = Files.writeString(this.dir.resolve("admin-token"), "saved\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		this.web.withPropertyValues("marketbatch.admin.token-file=" + file)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("may be read by others (rw-r--r--)")
				.hasMessageContaining("chmod 600 " + file));
	}

	@Test
	void aBlankOrMissingPresentedTokenNeverMatches() throws Exception {
		Path file = ownerOnly("admin-token", "saved\n");
		this.web.withPropertyValues("marketbatch.admin.token-file=" + file).run(context -> {
			AdminToken token = context.getBean(AdminToken.class);
			assertThat(token.matches(null)).isFalse();
			assertThat(token.matches("")).isFalse();
			assertThat(token.matches("  ")).isFalse();
			assertThat(token.matches("saved ")).isFalse();
		});
	}

	@Test
	void commandsHaveNoAdminToken() {
		new ApplicationContextRunner().withUserConfiguration(ApiConfiguration.class)
			.run(context -> assertThat(context).doesNotHaveBean(AdminToken.class));
	}

}
