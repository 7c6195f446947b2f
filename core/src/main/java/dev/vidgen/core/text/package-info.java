/**
 * Internal: not API; may change without notice. Making text from servers safe to print: control
 * characters escaped, keys masked, commands quoted; the edit distance behind "did you mean"; counts with the right
 * singular or plural; and how long a provider keeps results, in advice's words.
 */
package dev.vidgen.core.text;
