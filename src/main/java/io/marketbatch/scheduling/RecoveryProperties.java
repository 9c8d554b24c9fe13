package io.marketbatch.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clustered sweep for orphaned executions ({@code marketbatch.recovery.*}).
 *
 * @param sweepCron when one node of the cluster looks for executions whose node's
 * heartbeat has stopped (Quartz cron, Asia/Kolkata); blank: only at start
 */
@ConfigurationProperties("marketbatch.recovery")
public record RecoveryProperties(@DefaultValue("45 * * * * ?") String sweepCron) {
}
