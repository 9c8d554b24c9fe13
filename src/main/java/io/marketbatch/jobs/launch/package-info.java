/**
 * Launching jobs from requests, controlling executions, and which node owns a running
 * execution.
 */
@NullMarked
package io.marketbatch.jobs.launch;

import org.jspecify.annotations.NullMarked;
