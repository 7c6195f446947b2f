/**
 * Internal: not API; may change without notice. A small strict JSON reader and writer that vidgen's
 * own modules share where a JSON library cannot be used (the core depends on nothing but the JDK).
 */
package dev.vidgen.core.internal.json;
