/**
 * The settings every part shares (broker name, universe, exchange, clock), importing
 * nothing of ours so any package may read them.
 */
@NullMarked
package io.marketbatch.config;

import org.jspecify.annotations.NullMarked;
