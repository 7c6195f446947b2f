package dev.vidgen.core.client;

/**
 * The name of the temporary file a download writes beside its target before renaming it into place:
 * {@code .<name>.<hex>.part}, at most {@link #EXTRA_BYTES} bytes longer than the target's name.
 */
final class PartNames {
  /** What the longest part name adds to its target's name: a dot, a dot and 16 hex digits, and {@code .part}. */
  static final int EXTRA_BYTES = 23;

  private PartNames() {}

  /** The part name for a target called {@code targetName}, told apart from others by {@code random}. */
  static String of(String targetName, long random) {
    return "." + targetName + "." + Long.toHexString(random) + ".part";
  }

  /** The longest part name a download to {@code targetName} can take: its random number has 16 hex digits. */
  static String longest(String targetName) {
    return of(targetName, -1L);
  }
}
