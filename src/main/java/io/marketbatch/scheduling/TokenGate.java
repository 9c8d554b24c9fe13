package io.marketbatch.scheduling;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.TokenRejection;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

/**
 * Scheduled runs while the broker rejects the token: skipped without a job instance (one
 * log line per job, not one per minute), and remembered with the runs that failed for the
 * token, so a renewal relaunches them. Minute snapshots are not relaunched (their minute
 * has passed) nor gap fills (the next slot recovers the day's minutes).
 */
class TokenGate {

	private static final Logger log = LoggerFactory.getLogger(TokenGate.class);

	private static final Set<String> NOT_RELAUNCHED = Set.of(JobNames.LTP_SNAPSHOT, JobNames.GAP_FILL);

	/** A run to make again once the token is renewed. */
	record Pending(String job, Map<String, String> parameters, Optional<Long> failedExecution) {
	}

	private final Optional<RetryingMarketDataSource> broker;

	private final Set<String> skipsLogged = ConcurrentHashMap.newKeySet();

	private final Map<String, Pending> pending = new LinkedHashMap<>();

	TokenGate(MarketDataSource broker) {
		this.broker = (broker instanceof RetryingMarketDataSource r) ? Optional.of(r) : Optional.empty();
	}

	/** Why a run of this job must not start now: the broker rejected the token. */
	Optional<TokenRejection> blocks(JobSpec spec) {
		if (!spec.needsBroker()) {
			return Optional.empty();
		}
		return broker.flatMap(RetryingMarketDataSource::lookForRenewal);
	}

	void skipped(String job, Map<String, String> parameters, TokenRejection rejection) {
		if (skipsLogged.add(job)) {
			log.info("{} not launched: {} rejected the token at {}; skipping its runs until {}", job,
					rejection.broker(), rejection.at(), rejection.renewal());
		}
		else {
			log.debug("{} not launched for {}: the broker token is rejected", job, parameters);
		}
		remember(new Pending(job, Map.copyOf(parameters), Optional.empty()));
	}

	/** A scheduled run ended: one that failed for the token is made again on renewal. */
	void ended(JobExecution execution) {
		if (RelaunchPolicy.whyNotRelaunch(execution).isPresent()) {
			remember(new Pending(execution.getJobInstance().getJobName(), Map.of(), Optional.of(execution.getId())));
		}
	}

	private synchronized void remember(Pending run) {
		if (!NOT_RELAUNCHED.contains(run.job())) {
			pending.putIfAbsent(run.job() + run.failedExecution().map(id -> "#" + id).orElse("") + run.parameters(),
					run);
		}
	}

	/** The runs to make now that the token was renewed; forgets them. */
	synchronized List<Pending> renewed() {
		skipsLogged.clear();
		List<Pending> runs = new ArrayList<>(pending.values());
		pending.clear();
		return runs;
	}

}
