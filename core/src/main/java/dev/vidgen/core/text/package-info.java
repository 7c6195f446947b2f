/**
 * Internal: not API; may change without notice. Making text from servers safe to print: control
 * characters escaped, keys masked, commands quoted; the edit distance behind "did you mean"; counts with the right
 * singular or plural, and byte counts in words; how long a provider keeps results, in advice's words; reading a file
 * that must be UTF-8, naming the line of the first byte that is not; numbers read in the ASCII digits 0-9 only; and
 * the refusal of a parameter named as other models name a setting of the job.
 */
package dev.vidgen.core.text;
