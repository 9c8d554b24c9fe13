package io.marketbatch.admin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the admin API: {@code marketbatch.admin.token} (or
 * MARKETBATCH_ADMIN_TOKEN); else one generated at first start, saved owner-only beside
 * the data, and printed once.
 */
public final class AdminToken {

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private final byte[] token;

	private AdminToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	public static AdminToken resolve(@Nullable String configured, Path file) {
		if (configured != null && !configured.isBlank()) {
			return new AdminToken(configured.strip());
		}
		try {
			if (Files.isRegularFile(file)) {
				return new AdminToken(Files.readString(file).strip());
			}
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String generated = HexFormat.of().formatHex(random);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, generated + "\n");
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			// printed this once, on purpose: it is the operator's only way to learn a
			// generated token
			log.warn("generated the admin API token (saved to {}, readable by this user only): {}",
					file.toAbsolutePath(), generated);
			return new AdminToken(generated);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read or write the admin token file " + file, e);
		}
	}

	/** Constant-time comparison, so response times tell nothing about the token. */
	public boolean matches(String presented) {
		return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
	}

}
