/**
 * Internal: not API; may change without notice. Files and folders vidgen makes for its own bookkeeping (the task
 * history, batch journals, the playground's uploads), made readable by their owner alone.
 */
package dev.vidgen.core.files;
