/**
 * The Quartz schedule on the exchange calendar, relaunch of failed runs, crash recovery
 * and catch-up.
 */
@NullMarked
package io.marketbatch.scheduling;

import org.jspecify.annotations.NullMarked;
