/**
 * The Upstox market-data client.
 */
@NullMarked
package io.marketbatch.broker.upstox;

import org.jspecify.annotations.NullMarked;
