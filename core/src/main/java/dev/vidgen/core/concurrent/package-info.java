/** Small concurrency helpers shared by every vidgen module: unwrapping futures' failures, daemon threads. */
package dev.vidgen.core.concurrent;
