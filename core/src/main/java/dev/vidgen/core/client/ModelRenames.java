package dev.vidgen.core.client;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a listed id is plausibly a model the catalog knows under a new name: the same id in another case or with
 * other separators or none ({@code kling_v3}, {@code klingv3}), or the id with version, date or stage parts added or dropped
 * ({@code -v2}, {@code -2}, {@code .0}, {@code -20260101}, {@code -preview}, {@code -latest}). Any other part
 * ({@code -omni}, {@code -pro}, {@code -fast}, {@code -mini}, {@code -turbo}) names another model.
 */
final class ModelRenames {
  /** One or more version, date or stage parts, each after a separator. */
  private static final Pattern VERSION_PARTS =
      Pattern.compile("([-_.]?(v?\\d+|preview|latest|beta|alpha|stable|ga|exp|experimental|rc\\d*))+");

  private ModelRenames() {}

  /** Whether {@code listed} may be {@code known} under a new name, by the rule above (case ignored). */
  static boolean plausible(String known, String listed) {
    String a = folded(known);
    String b = folded(listed);
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.replace("-", "").equals(b.replace("-", ""))) {
      return true;
    }
    String shorter = a.length() < b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return longer.startsWith(shorter) && endsAtBoundary(shorter, longer)
        && VERSION_PARTS.matcher(longer.substring(shorter.length())).matches();
  }

  /**
   * Whether the added part starts a part of its own: after a separator, or a number after letters ({@code veo3} and
   * {@code veo3-1} do, {@code sora-2} and {@code sora-25} do not).
   */
  private static boolean endsAtBoundary(String shorter, String longer) {
    char last = shorter.charAt(shorter.length() - 1);
    char next = longer.charAt(shorter.length());
    return next == '-' || next == '.' || next == '_' || !Character.isDigit(last) && Character.isDigit(next)
        || Character.isDigit(last) && !Character.isLetterOrDigit(next);
  }

  /** Lower case, with {@code _} and spaces as {@code -}. */
  private static String folded(String id) {
    return id.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
  }
}
