/**
 * The REST API for jobs, executions, schedules and data, behind a bearer token.
 */
@NullMarked
package io.marketbatch.admin.api;

import org.jspecify.annotations.NullMarked;
