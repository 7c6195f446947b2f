package dev.vidgen.core.text;

import java.util.Locale;

/** Byte counts as vidgen says them to people: "512 bytes", "32.0 KB", "5.7 MB", "2.0 GB" (of 1024 each). */
public final class ByteSizes {
  private static final double KB = 1024.0;

  private ByteSizes() {}

  /** {@code bytes} in words, with one decimal from a kilobyte on; the same in every locale. */
  public static String words(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / KB);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (KB * KB));
    }
    return String.format(Locale.ROOT, "%.1f GB", bytes / (KB * KB * KB));
  }
}
