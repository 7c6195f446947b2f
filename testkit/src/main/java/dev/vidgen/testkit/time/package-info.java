/**
 * Virtual time for tests: a {@link java.time.Clock} and a
 * {@link java.util.concurrent.ScheduledExecutorService} that only move when the test says so.
 */
package dev.vidgen.testkit.time;
