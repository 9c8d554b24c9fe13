package io.marketbatch.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker token's watch ({@code marketbatch.token.*}).
 *
 * @param checkCron when one cheap authenticated call checks the token (Quartz cron,
 * Asia/Kolkata; trading days only): before the session opens, so an expired token is
 * known before 09:15
 * @param poll how often a rejected token's process looks for a new one set by another
 * process (the command line)
 */
@ConfigurationProperties("marketbatch.token")
public record TokenProperties(@DefaultValue("0 0 9 * * ?") String checkCron, @DefaultValue("5s") Duration poll) {
}
