/**
 * Internal: not API; may change without notice. The one way vidgen's modules read and write
 * untyped JSON (batch files, the mock, the fake server, the CLI, route files): Moshi's streaming
 * reader and writer with numbers kept exact; and prices as that JSON writes them.
 */
package dev.vidgen.core.json;
