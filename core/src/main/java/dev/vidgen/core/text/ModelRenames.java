package dev.vidgen.core.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a listed id is plausibly a model the catalog knows under a new name: the same id in another case or with
 * other separators or none ({@code kling_v3}, {@code klingv3}), the id with a revision, date or stage part added
 * ({@code -v2}, {@code .0}, {@code -20260101}, {@code -preview}, {@code -latest}), or with a date or stage part
 * dropped. A version number added or dropped ({@code wan2.6.1}, {@code kling-v2-6} for {@code kling-v2},
 * {@code grok-video-1} for {@code grok-video-1.5}) and any other part ({@code -omni}, {@code -pro}, {@code -fast},
 * {@code -mini}, {@code -turbo}) name another model.
 */
public final class ModelRenames {
  /** Stages a model passes through under one name. */
  private static final String STAGES = "preview|latest|beta|alpha|stable|ga|exp|experimental|rc\\d*";
  /**
   * Parts a renamed model may carry beyond the known id: a {@code -v2} revision, a date or a stage after a separator,
   * or .0; a bare {@code -6} is not among them, being how some ids spell a minor version ({@code kling-v2-6}).
   */
  private static final Pattern ADDED =
      Pattern.compile("([-_](v\\d+|\\d{8}|\\d{4}-\\d{2}-\\d{2}|" + STAGES + ")|\\.0)+");
  /** Parts a renamed model may have shed: dates and stages, or .0; never a version number (1.5 is not 1). */
  private static final Pattern DROPPED = Pattern.compile("([-_](\\d{8}|\\d{4}-\\d{2}-\\d{2}|" + STAGES + ")|\\.0)+");

  private ModelRenames() {}

  /** Whether {@code listed} may be {@code known} under a new name, by the rule above (case ignored). */
  public static boolean plausible(String known, String listed) {
    String a = folded(known);
    String b = folded(listed);
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.replace("-", "").equals(b.replace("-", ""))) {
      return true;
    }
    if (b.length() > a.length()) {
      return b.startsWith(a) && ADDED.matcher(b.substring(a.length())).matches();
    }
    return a.startsWith(b) && DROPPED.matcher(a.substring(b.length())).matches();
  }

  /** Lower case, with {@code _} and spaces as {@code -}. */
  private static String folded(String id) {
    return id.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
  }
}
