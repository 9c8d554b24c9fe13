/**
 * The operator console in the browser: its pages, sign-in sessions, security headers and
 * live execution events.
 */
@NullMarked
package io.marketbatch.admin.console;

import org.jspecify.annotations.NullMarked;
