/**
 * The domain: instruments, candles, quotes, timeframes and the trading calendar; imports
 * nothing of ours.
 */
@NullMarked
package io.marketbatch.market;

import org.jspecify.annotations.NullMarked;
