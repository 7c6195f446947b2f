/**
 * Internal: not API; may change without notice. Files and folders vidgen makes for its own bookkeeping (the task
 * history, batch journals, the playground's uploads), made readable by their owner alone, and refused when another
 * user could have planted or may change them (a link, another's, writable by group or others);
 * the digests local inputs are known by; paths read as the operating system reads them; the walk over an MP4's
 * boxes that tells a whole video from a cut one; output paths that would not make what they seem to here (an
 * unexpanded {@code ~}, a Windows path); the formats of images and videos told by their first bytes, with the
 * upload limit for videos; and the file-size limit ({@code ulimit -f}) of this process.
 */
package dev.vidgen.core.files;
