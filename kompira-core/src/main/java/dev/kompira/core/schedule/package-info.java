/**
 * When schedules fire (objects.md §5.3): the time fields of a Schedule, parsed into a
 * {@link dev.kompira.core.schedule.ScheduleRule} that answers whether a minute matches and which
 * minute comes next. Pure and immutable; the engine's scheduler uses it.
 */
package dev.kompira.core.schedule;
