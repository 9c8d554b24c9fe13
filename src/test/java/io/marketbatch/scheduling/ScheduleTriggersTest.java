package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.jobs.DailyBackfillSpec;
import io.marketbatch.jobs.EodAggregationSpec;
import io.marketbatch.jobs.GapFillSpec;
import io.marketbatch.jobs.HistoryBackfillSpec;
import io.marketbatch.jobs.InstrumentSyncSpec;
import io.marketbatch.jobs.LtpSnapshotSpec;
import io.marketbatch.jobs.launch.JobSpec;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** One trigger per scheduled job, on its default cron unless overridden. */
class ScheduleTriggersTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Schedule.class);

	private static final List<JobSpec> SPECS = List.of(new InstrumentSyncSpec(), new LtpSnapshotSpec(),
			new GapFillSpec(), new DailyBackfillSpec(), new EodAggregationSpec(), new HistoryBackfillSpec());

	@Test
	void eachScheduledJobRunsOnItsDefaultCron() {
		this.runner.run(context -> assertThat(crons(context.getBean(ScheduleProperties.class)))
			.isEqualTo(Map.of("instrumentSync", "0 30 8 * * ?", "ltpSnapshot", "0 * * * * ?", "gapFill",
					"30 */5 * * * ?", "dailyBackfill", "0 0/30 16-23 * * ?", "historyBackfill", "0 0 10 ? * SUN")));
	}

	@Test
	void minuteJobsSkipAMissedFireAndDailyJobsFireItOnce() {
		this.runner.run(context -> {
			Map<String, Integer> misfires = SchedulingConfiguration
				.triggers(SchedulingConfiguration.scheduled(SPECS), context.getBean(ScheduleProperties.class))
				.stream()
				.collect(Collectors.toMap(trigger -> trigger.getKey().getName(), Trigger::getMisfireInstruction));
			assertThat(misfires).containsEntry("ltpSnapshot", CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING)
				.containsEntry("gapFill", CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING)
				.containsEntry("dailyBackfill", CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW)
				.containsEntry("historyBackfill", CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
		});
	}

	@Test
	void aJobsCronIsOverriddenByItsOwnKey() {
		this.runner.withPropertyValues("marketbatch.schedule.ltpSnapshot.cron=0/2 * * * * ?").run(context -> {
			Map<String, String> crons = crons(context.getBean(ScheduleProperties.class));
			assertThat(crons).containsEntry("ltpSnapshot", "0/2 * * * * ?");
			assertThat(crons).containsEntry("gapFill", "30 */5 * * * ?");
		});
	}

	private static Map<String, String> crons(ScheduleProperties schedule) {
		return SchedulingConfiguration.triggers(SchedulingConfiguration.scheduled(SPECS), schedule)
			.stream()
			.collect(Collectors.toMap(trigger -> trigger.getKey().getName(), ScheduleTriggersTest::cron));
	}

	private static String cron(Trigger trigger) {
		return ((CronTrigger) trigger).getCronExpression();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ScheduleProperties.class)
	static class Schedule {

	}

}
