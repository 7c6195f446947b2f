/**
 * Internal: not API; may change without notice. Small concurrency helpers shared by vidgen's
 * modules: unwrapping futures' failures, daemon threads.
 */
package dev.vidgen.core.concurrent;
