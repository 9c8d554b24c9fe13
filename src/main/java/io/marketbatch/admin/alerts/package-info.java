/**
 * Alerts that reach people (webhook, Slack, Telegram, e-mail): one per subject and cause
 * until it clears, then a resolved message.
 */
@NullMarked
package io.marketbatch.admin.alerts;

import org.jspecify.annotations.NullMarked;
