/**
 * The command line, health and metrics, and the data questions operators ask.
 */
@NullMarked
package io.marketbatch.admin;

import org.jspecify.annotations.NullMarked;
