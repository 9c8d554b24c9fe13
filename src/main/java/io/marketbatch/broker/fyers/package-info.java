/**
 * The Fyers market-data client.
 */
@NullMarked
package io.marketbatch.broker.fyers;

import org.jspecify.annotations.NullMarked;
