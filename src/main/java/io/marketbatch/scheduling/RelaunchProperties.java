package io.marketbatch.scheduling;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Automatic restarts of a FAILED scheduled run ({@code marketbatch.relaunch.*}).
 *
 * @param delays waits before each relaunch; their count is the number of relaunches
 */
@ConfigurationProperties("marketbatch.relaunch")
public record RelaunchProperties(@DefaultValue("PT1M,PT5M,PT15M") List<Duration> delays) {
}
