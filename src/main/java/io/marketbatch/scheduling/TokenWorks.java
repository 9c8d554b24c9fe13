package io.marketbatch.scheduling;

/**
 * Published when the broker token passed its check before the open, or a new one was set.
 *
 * @param broker the broker's name
 */
public record TokenWorks(String broker) {
}
