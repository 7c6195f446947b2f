package dev.vidgen.core.text;

/**
 * How many single-character insertions, deletions and substitutions turn one string into another
 * (Levenshtein); behind every "did you mean" vidgen prints for a model or provider id.
 */
public final class EditDistance {
  private EditDistance() {}

  /** The edit distance between {@code a} and {@code b}, compared exactly (callers fold case). */
  public static int between(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
