/**
 * The database: repositories, idempotent writers, completeness, and each database's SQL
 * as a strategy chosen once.
 */
@NullMarked
package io.marketbatch.store;

import org.jspecify.annotations.NullMarked;
