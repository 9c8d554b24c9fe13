/**
 * One small configuration class per job with its spec, readers and processors.
 */
@NullMarked
package io.marketbatch.jobs;

import org.jspecify.annotations.NullMarked;
