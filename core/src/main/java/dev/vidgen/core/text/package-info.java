/**
 * Internal: not API; may change without notice. Making text from servers safe to print: control
 * characters escaped, keys masked, commands quoted.
 */
package dev.vidgen.core.text;
