package io.marketbatch.scheduling;

/**
 * Published when the broker token failed its check before the open: rejected, or the
 * check itself could not be made. Never carries the token.
 *
 * @param broker the broker's name
 * @param reason what went wrong
 * @param fix what a person does about it
 */
public record TokenProblem(String broker, String reason, String fix) {
}
