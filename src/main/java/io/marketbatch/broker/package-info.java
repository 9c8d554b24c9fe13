/**
 * The port every market-data source implements, its request limits, errors and retries.
 */
@NullMarked
package io.marketbatch.broker;

import org.jspecify.annotations.NullMarked;
