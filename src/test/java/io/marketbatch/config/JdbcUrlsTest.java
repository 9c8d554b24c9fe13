package io.marketbatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JDBC URL the service prints: never its password, everything else as given. */
class JdbcUrlsTest {

	@Test
	void passwordsInAUrlAreMasked() {
		assertThat(JdbcUrls.withoutCredentials("jdbc:postgresql://batch:s3cret@db.lan:5432/market?sslmode=require"))
			.isEqualTo("jdbc:postgresql://batch:******@db.lan:5432/market?sslmode=require");
		assertThat(JdbcUrls.withoutCredentials("jdbc:postgresql://db.lan/market?user=batch&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db.lan/market?user=batch&password=******&ssl=true");
		assertThat(JdbcUrls.withoutCredentials("jdbc:h2:file:./data/m;USER=sa;PASSWORD=s3cret;AUTO_SERVER=TRUE"))
			.isEqualTo("jdbc:h2:file:./data/m;USER=sa;PASSWORD=******;AUTO_SERVER=TRUE");
	}

	@Test
	void aUrlWithoutCredentialsIsUnchanged() {
		String url = "jdbc:h2:file:./data/market-batch;AUTO_SERVER=TRUE;NON_KEYWORDS=MINUTE";
		assertThat(JdbcUrls.withoutCredentials(url)).isEqualTo(url);
		assertThat(JdbcUrls.withoutCredentials("jdbc:postgresql://db.lan:5432/market"))
			.isEqualTo("jdbc:postgresql://db.lan:5432/market");
	}

}
