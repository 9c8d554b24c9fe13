/**
 * market-batch: the application, its command line entry point and the wiring of the
 * shared parts.
 */
@NullMarked
package io.marketbatch;

import org.jspecify.annotations.NullMarked;
