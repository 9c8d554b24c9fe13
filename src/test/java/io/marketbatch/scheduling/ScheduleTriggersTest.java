package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void eachJobRunsOnItsDefaultCron() {
		this.runner.run(context -> assertThat(crons(context.getBean(ScheduleProperties.class)))
			.isEqualTo(SchedulingConfiguration.DEFAULT_CRON));
	}

	@Test
	void aJobsCronIsOverriddenByItsOwnKey() {
		this.runner.withPropertyValues("marketbatch.schedule.ltpSnapshot.cron=0/2 * * * * ?").run(context -> {
			Map<String, String> crons = crons(context.getBean(ScheduleProperties.class));
			assertThat(crons).containsEntry("ltpSnapshot", "0/2 * * * * ?");
			assertThat(crons).containsEntry("gapFill", SchedulingConfiguration.DEFAULT_CRON.get("gapFill"));
		});
	}

	private static Map<String, String> crons(ScheduleProperties schedule) {
		return SchedulingConfiguration.triggers(schedule)
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
