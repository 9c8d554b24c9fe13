package io.marketbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The dialect is chosen from the database's product name, with its Quartz settings. */
class SqlDialectTest {

	@Test
	void h2IsASingleNodeMergeDialect() {
		SqlDialect dialect = SqlDialect
			.of(new SingleConnectionDataSource(TestDatabases.newH2Database("dialect"), "sa", "", true));
		assertThat(dialect).isInstanceOf(H2Sql.class);
		assertThat(dialect.clustered()).isFalse();
		assertThat(dialect.quartzDelegate()).isEqualTo("org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
		assertThat(dialect.insertLtpSnapshot()).startsWith("MERGE INTO ltp_snapshot").doesNotContain("WHEN MATCHED");
	}

	@Test
	void postgresIsAClusteredOnConflictDialect() {
		SqlDialect dialect = SqlDialect
			.of(new SingleConnectionDataSource(TestDatabases.newPostgresDatabase("dialect"), "postgres", "", true));
		assertThat(dialect).isInstanceOf(PostgresSql.class);
		assertThat(dialect.clustered()).isTrue();
		assertThat(dialect.quartzDelegate()).isEqualTo("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
		assertThat(dialect.insertLtpSnapshot()).contains("ON CONFLICT (instrument_id, minute) DO NOTHING");
	}

}
