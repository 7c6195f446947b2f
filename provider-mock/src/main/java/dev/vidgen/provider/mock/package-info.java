/**
 * An offline, deterministic video provider: the real routes and validation, a simulated task
 * lifecycle on a given clock, bundled MP4 results and scriptable faults.
 */
package dev.vidgen.provider.mock;
