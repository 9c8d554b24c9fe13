/**
 * What the HTTP broker clients share: OkHttp calls with rate limits (request budgets per
 * broker account, shared through PostgreSQL by every process), error mapping, candle
 * arrays and master files.
 */
@NullMarked
package io.marketbatch.broker.http;

import org.jspecify.annotations.NullMarked;
