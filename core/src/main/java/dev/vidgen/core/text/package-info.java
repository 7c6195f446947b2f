/**
 * Internal: not API; may change without notice. Making text from servers safe to print: control
 * characters escaped, keys masked, commands quoted; the edit distance behind "did you mean"; and counts with the right
 * singular or plural.
 */
package dev.vidgen.core.text;
