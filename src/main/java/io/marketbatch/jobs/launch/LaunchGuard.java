package io.marketbatch.jobs.launch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * One execution per job instance, whoever launches (two nodes, the command line and the
 * scheduler, a double POST): every {@code createJobExecution} of the job repository first
 * locks the instance's row in a transaction of its own, looks at the instance's
 * executions as committed by everyone, and refuses with {@link ConcurrentLaunchException}
 * when one runs or has completed; the lock is held until the new execution is committed,
 * so the next launcher sees it.
 * <p>
 * In Spring Batch 6 the launcher checks an instance's executions before, and outside, the
 * repository's create transaction, so a SERIALIZABLE create isolation no longer guards
 * this (and on PostgreSQL only adds serialization failures). The lock is
 * {@code FOR NO KEY UPDATE} on PostgreSQL, so the new execution's foreign-key check
 * (which takes {@code FOR KEY SHARE}) is not blocked by it; H2 checks foreign keys
 * without row locks.
 */
public final class LaunchGuard implements MethodInterceptor {

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private static final Set<String> FINISHED = Set.of("COMPLETED", "ABANDONED");

	/**
	 * Launchers in this process queue here first (creating an execution takes
	 * milliseconds), so the guard holds at most two pooled connections at a time: its
	 * lock's and the create's. Other processes are kept out by the row lock.
	 */
	private final ReentrantLock local = new ReentrantLock(true);

	private final DataSource dataSource;

	private volatile @Nullable String lockSql;

	private LaunchGuard(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The job repository with its {@code createJobExecution} guarded. */
	public static JobRepository guard(JobRepository repository, DataSource dataSource) {
		ProxyFactory factory = new ProxyFactory();
		factory.setTarget(repository);
		factory.addInterface(JobRepository.class);
		NameMatchMethodPointcutAdvisor advisor = new NameMatchMethodPointcutAdvisor(new LaunchGuard(dataSource));
		advisor.setMappedName("createJobExecution");
		factory.addAdvisor(advisor);
		return (JobRepository) factory.getProxy(LaunchGuard.class.getClassLoader());
	}

	/** Guards the context's job repository as it is created. */
	public static BeanPostProcessor installer(ObjectProvider<DataSource> dataSource) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JobRepository repository) ? guard(repository, dataSource.getObject()) : bean;
			}
		};
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] args = invocation.getArguments();
		if (args.length == 0 || !(args[0] instanceof JobInstance instance)) {
			return invocation.proceed();
		}
		local.lock();
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				lock(connection, instance.getId());
				refuseIfTaken(connection, instance);
				// the repository's own REQUIRES_NEW transaction commits the execution
				// before this one lets the next launcher in
				Object created = invocation.proceed();
				connection.commit();
				return created;
			}
			catch (Throwable e) {
				connection.rollback();
				throw e;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		finally {
			local.unlock();
		}
	}

	private void lock(Connection connection, long instanceId) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(lockSql(connection))) {
			lock.setLong(1, instanceId);
			lock.executeQuery().close();
		}
	}

	private void refuseIfTaken(Connection connection, JobInstance instance) throws SQLException {
		try (PreparedStatement executions = connection.prepareStatement(
				"SELECT JOB_EXECUTION_ID, STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? ORDER BY JOB_EXECUTION_ID DESC")) {
			executions.setLong(1, instance.getId());
			try (ResultSet rows = executions.executeQuery()) {
				while (rows.next()) {
					String status = rows.getString(2);
					if (RUNNING.contains(status) || FINISHED.contains(status)) {
						throw new ConcurrentLaunchException(instance.getJobName(), instance.getId(), rows.getLong(1),
								status);
					}
				}
			}
		}
	}

	private String lockSql(Connection connection) throws SQLException {
		String sql = lockSql;
		if (sql == null) {
			boolean postgres = connection.getMetaData()
				.getDatabaseProductName()
				.toLowerCase(Locale.ROOT)
				.contains("postgres");
			sql = "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ? "
					+ (postgres ? "FOR NO KEY UPDATE" : "FOR UPDATE");
			lockSql = sql;
		}
		return sql;
	}

}
