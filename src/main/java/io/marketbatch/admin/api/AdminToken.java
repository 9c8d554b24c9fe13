package io.marketbatch.admin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the admin API: {@code marketbatch.admin.token} (or
 * MARKETBATCH_ADMIN_TOKEN); else the one saved in the token file; else one generated at
 * first start, saved owner-only (rw-------, written to a temporary file created with
 * those permissions and moved into place atomically) and printed once on the console,
 * never through the logger. A blank token, an empty token file and a token file others
 * may read are refused at start.
 */
public final class AdminToken {

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final byte[] token;

	private final String value;

	private AdminToken(String token) {
		if (token.isBlank()) {
			// a blank token would match a blank header
			throw new IllegalStateException("the admin token is blank");
		}
		this.value = token;
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	public static AdminToken resolve(@Nullable String configured, Path file) {
		if (configured != null) {
			if (configured.isBlank()) {
				throw new AdminTokenException(
						"marketbatch.admin.token (MARKETBATCH_ADMIN_TOKEN) is set but blank; "
								+ "set a token, or unset it to use the one saved in " + file.toAbsolutePath(),
						"Set marketbatch.admin.token to a token, or unset it.");
			}
			return new AdminToken(configured.strip());
		}
		try {
			if (Files.exists(file)) {
				return new AdminToken(read(file));
			}
			return generate(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read or write the admin token file " + file, e);
		}
	}

	private static String read(Path file) throws IOException {
		if (posix()) {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (!OWNER_ONLY.containsAll(permissions)) {
				throw new AdminTokenException("the admin token file " + file.toAbsolutePath()
						+ " may be read by others (" + PosixFilePermissions.toString(permissions)
						+ "); make it owner-only: chmod 600 " + file.toAbsolutePath(),
						"Run: chmod 600 " + file.toAbsolutePath());
			}
		}
		String saved = Files.readString(file).strip();
		if (saved.isEmpty()) {
			throw new AdminTokenException(
					"the admin token file " + file.toAbsolutePath() + " is empty; write a token "
							+ "into it, or delete it to have one generated at the next start",
					"Write a token into " + file.toAbsolutePath() + ", or delete it.");
		}
		return saved;
	}

	private static AdminToken generate(Path file) throws IOException {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String generated = HexFormat.of().formatHex(random);
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		// owner-only from its creation, complete before it has its name
		Path temp = posix()
				? Files.createTempFile(dir, ".admin-token", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(dir, ".admin-token", ".tmp", new FileAttribute<?>[0]);
		try {
			Files.writeString(temp, generated + "\n");
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
		// the operator's only way to learn a generated token: on the console once, never
		// in a log file
		System.out.println("market-batch: generated the admin API token (saved to " + file.toAbsolutePath()
				+ ", readable by this user only): " + generated);
		log.info("generated the admin API token and saved it to {} (printed once on the console)",
				file.toAbsolutePath());
		return new AdminToken(generated);
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	/**
	 * Constant-time comparison, so response times tell nothing about the token; a blank
	 * one never matches.
	 */
	public boolean matches(@Nullable String presented) {
		return presented != null && !presented.isBlank()
				&& MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
	}

	/** The text with every occurrence of the token replaced by {@code mask}. */
	public String redact(String text, String mask) {
		return text.replace(value, mask);
	}

	@Override
	public String toString() {
		return "AdminToken[******]";
	}

	/**
	 * A token setting or file the service refuses to start with; the message says the
	 * fix.
	 */
	public static final class AdminTokenException extends IllegalStateException {

		private final String action;

		AdminTokenException(String message, String action) {
			super(message);
			this.action = action;
		}

		/** What the operator does about it. */
		public String action() {
			return action;
		}

	}

}
