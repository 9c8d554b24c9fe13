/**
 * The Dhan market-data client.
 */
@NullMarked
package io.marketbatch.broker.dhan;

import org.jspecify.annotations.NullMarked;
