package io.marketbatch.admin.api;

import io.marketbatch.admin.ExchangeTime;
import io.marketbatch.admin.ExecutionReport;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.JobSpec;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Jobs, executions and schedules over HTTP: what ran, launch one-off runs,
 * restart/stop/abandon, pause.
 */
@RestController
@RequestMapping("/api")
class JobsApi {

	/** The group the service's triggers live in (scheduling.SchedulingConfiguration). */
	private static final String GROUP = "market-batch";

	private final JobLaunches jobs;

	private final ExecutionControl control;

	private final ExecutionReport report;

	private final ObjectProvider<Scheduler> scheduler;

	JobsApi(JobLaunches jobs, ExecutionControl control, ExecutionReport report, ObjectProvider<Scheduler> scheduler) {
		this.jobs = jobs;
		this.control = control;
		this.report = report;
		this.scheduler = scheduler;
	}

	private String known(String job) {
		if (!jobs.jobNames().contains(job)) {
			throw new NotFoundException(
					"unknown job '" + job + "': the jobs are " + String.join(", ", jobs.jobNames()));
		}
		return job;
	}

	@GetMapping("/jobs")
	List<ApiViews.JobSummary> jobs() {
		List<ApiViews.JobSummary> summaries = new ArrayList<>();
		for (JobSpec spec : jobs.specs()) {
			String job = spec.name();
			List<ExecutionReport.Row> last = report.recent(job, null, 1);
			summaries.add(new ApiViews.JobSummary(job, spec.parameters(), schedule(job).orElse(null),
					last.isEmpty() ? null : ApiViews.execution(control.execution(last.get(0).id()))));
		}
		return summaries;
	}

	@GetMapping("/jobs/{job}/executions")
	List<ApiViews.Execution> executions(@PathVariable String job, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "20") int limit) {
		known(job);
		if (limit < 1 || limit > 500) {
			throw new BadJobRequestException("parameter 'limit': expected 1..500, got " + limit);
		}
		return report.recent(job, status == null ? null : status.toUpperCase(), limit)
			.stream()
			.map(row -> ApiViews.execution(control.execution(row.id())))
			.toList();
	}

	@PostMapping("/jobs/{job}/executions")
	ResponseEntity<ApiViews.Launched> launch(@PathVariable String job, @RequestBody(required = false) JsonNode body)
			throws Exception {
		known(job);
		Map<String, String> raw = new LinkedHashMap<>();
		boolean rerun = false;
		if (body != null && !body.isNull()) {
			if (!body.isObject()) {
				throw new BadJobRequestException(
						"the body must be a JSON object of parameters, e.g. {\"businessDate\":\"2026-10-29\"}");
			}
			for (Map.Entry<String, JsonNode> field : body.properties()) {
				JsonNode value = field.getValue();
				if (field.getKey().equals(JobRequests.RERUN)) {
					rerun = value.asBoolean(false);
				}
				else if (value.isString() || value.isNumber()) {
					raw.put(field.getKey(), value.asString());
				}
				else if (value.isArray() && field.getKey().equals(JobRequests.SYMBOLS)) {
					List<String> symbols = new ArrayList<>();
					value.forEach(v -> symbols.add(v.asString()));
					raw.put(field.getKey(), String.join(",", symbols));
				}
				else {
					throw new BadJobRequestException(
							"parameter '" + field.getKey() + "' must be a string, got " + value);
				}
			}
		}
		JobParameters parameters = jobs.prepare(job, raw, rerun);
		JobLaunches.Launch launch = jobs.launchAsync(job, parameters);
		JobExecution execution = launch.execution();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new ApiViews.Launched(execution.getId(), execution.getStatus().name(), job, launch.outcome().name()));
	}

	@GetMapping("/executions/{id}")
	ApiViews.Execution execution(@PathVariable long id) {
		return ApiViews.execution(find(id));
	}

	private JobExecution find(long id) {
		try {
			return control.execution(id);
		}
		catch (BadJobRequestException e) {
			throw new NotFoundException(e.getMessage());
		}
	}

	@PostMapping("/executions/{id}/restart")
	ResponseEntity<ApiViews.Launched> restart(@PathVariable long id) throws Exception {
		find(id);
		JobExecution execution = control.restartAsync(id);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new ApiViews.Launched(execution.getId(), execution.getStatus().name(),
					execution.getJobInstance().getJobName(), "RESTARTED"));
	}

	@PostMapping("/executions/{id}/stop")
	ResponseEntity<ApiViews.Execution> stop(@PathVariable long id) throws Exception {
		find(id);
		control.stop(id);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiViews.execution(control.execution(id)));
	}

	@PostMapping("/executions/{id}/abandon")
	ApiViews.Execution abandon(@PathVariable long id) throws Exception {
		find(id);
		return ApiViews.execution(control.abandon(id));
	}

	@GetMapping("/schedules")
	List<ApiViews.Schedule> schedules() {
		return jobs.jobNames().stream().map(this::schedule).flatMap(Optional::stream).toList();
	}

	@PostMapping("/schedules/{job}/pause")
	ApiViews.Schedule pause(@PathVariable String job) throws SchedulerException {
		quartz().pauseTrigger(trigger(job));
		return schedule(job).orElseThrow();
	}

	@PostMapping("/schedules/{job}/resume")
	ApiViews.Schedule resume(@PathVariable String job) throws SchedulerException {
		quartz().resumeTrigger(trigger(job));
		return schedule(job).orElseThrow();
	}

	private Scheduler quartz() {
		Scheduler quartz = scheduler.getIfAvailable();
		if (quartz == null) {
			throw new NotFoundException("no scheduler in this process");
		}
		return quartz;
	}

	private TriggerKey trigger(String job) throws SchedulerException {
		known(job);
		TriggerKey key = TriggerKey.triggerKey(job, GROUP);
		if (!quartz().checkExists(key)) {
			throw new NotFoundException("job '" + job + "' has no schedule"
					+ (job.equals("eodAggregation") ? " (it follows dailyBackfill)" : ""));
		}
		return key;
	}

	/**
	 * The job's trigger as it is now; empty without a scheduler or a trigger of its own.
	 */
	private Optional<ApiViews.Schedule> schedule(String job) {
		Scheduler quartz = scheduler.getIfAvailable();
		if (quartz == null) {
			return Optional.empty();
		}
		try {
			Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(job, GROUP));
			if (trigger == null) {
				return Optional.empty();
			}
			String cron = trigger instanceof CronTrigger c ? c.getCronExpression() : null;
			String zone = trigger instanceof CronTrigger c ? c.getTimeZone().getID() : null;
			// at the exchange's offset like every API instant; the trigger's own zone is
			// beside it
			OffsetDateTime next = trigger.getNextFireTime() == null ? null
					: ExchangeTime.of(trigger.getNextFireTime().toInstant());
			boolean paused = quartz.getTriggerState(trigger.getKey()) == Trigger.TriggerState.PAUSED;
			return Optional.of(new ApiViews.Schedule(job, cron, zone, next, paused));
		}
		catch (SchedulerException e) {
			return Optional.empty();
		}
	}

}
