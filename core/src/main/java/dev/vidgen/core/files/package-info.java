/**
 * Internal: not API; may change without notice. Files and folders vidgen makes for its own bookkeeping (the task
 * history, batch journals, the playground's uploads), made readable by their owner alone,
 * and the digests local inputs are known by.
 */
package dev.vidgen.core.files;
