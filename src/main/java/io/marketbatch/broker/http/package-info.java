/**
 * What the HTTP broker clients share: OkHttp calls with rate limits, error mapping,
 * candle arrays and master files.
 */
@NullMarked
package io.marketbatch.broker.http;

import org.jspecify.annotations.NullMarked;
