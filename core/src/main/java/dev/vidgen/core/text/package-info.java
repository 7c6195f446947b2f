/**
 * Internal: not API; may change without notice. Making text from servers safe to print: control
 * characters escaped, keys masked, commands quoted; and the edit distance behind "did you mean".
 */
package dev.vidgen.core.text;
