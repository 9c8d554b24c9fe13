/**
 * The Zerodha Kite Connect market-data client.
 */
@NullMarked
package io.marketbatch.broker.kite;

import org.jspecify.annotations.NullMarked;
