/**
 * The simulated broker: a deterministic market that needs no credentials, the default and
 * the test bed.
 */
@NullMarked
package io.marketbatch.broker.sim;

import org.jspecify.annotations.NullMarked;
