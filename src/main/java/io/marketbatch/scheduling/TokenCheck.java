package io.marketbatch.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The Quartz job behind the token check before the session opens. */
@DisallowConcurrentExecution
public class TokenCheck extends QuartzJobBean {

	static final String NAME = "tokenCheck";

	/** Its own group: the jobs' group lists one trigger per job. */
	static final String GROUP = "market-batch-token";

	private final TokenWatch watch;

	public TokenCheck(TokenWatch watch) {
		this.watch = watch;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		watch.checkBeforeOpen();
	}

}
