package dev.vidgen.core.port;

import dev.vidgen.core.text.KeyMask;
import java.util.Objects;

/**
 * A provider API key. It never appears in {@code toString}, logs or exceptions; only {@link
 * #reveal()} gives it, for the one header that needs it.
 */
public final class ApiKey {
  private final String value;
  private final KeyMask mask;
  /** The key's secret part without {@code sk-}, as a server may echo it or encode it alone; null for a short key. */
  private final KeyMask partMask;

  private ApiKey(String value) {
    this.value = value;
    this.mask = KeyMask.of(value, masked());
    String part = dev.vidgen.core.text.SafeText.secretPart(value);
    this.partMask = part == null ? null : KeyMask.of(part, "…");
  }

  /** Wraps a key; surrounding white space is dropped. */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value == null");
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("API key is blank");
    }
    return new ApiKey(trimmed);
  }

  /** The key itself; call only to put it in an {@code Authorization} header. */
  public String reveal() {
    return value;
  }

  /** The key as people may see it: {@code sk-…} with everything after the prefix hidden. */
  public String masked() {
    int dash = value.indexOf('-');
    String prefix = dash > 0 && dash <= 4 ? value.substring(0, dash + 1) : "";
    return prefix + "…";
  }

  /**
   * {@code text} with this key shown {@link #masked()} wherever it stands, in clear or encoded
   * (percent-encoded once or twice, JSON-escaped, as Base64 anywhere, inside a {@code Basic} value's Base64;
   * see {@link KeyMask}), and its secret part without {@code sk-} shown as {@code …} in the same forms; null
   * stays null.
   */
  public String maskIn(String text) {
    String masked = mask.apply(text);
    return partMask == null ? masked : partMask.apply(masked);
  }

  /**
   * A short tag that tells this key from another without giving anything of it away: eight hex digits of
   * a SHA-256 over the key. The task history keeps it beside each task, so that a task made with another
   * key (which the provider may not show to this one) is named as such.
   */
  public String tag() {
    return dev.vidgen.core.text.SafeText.shortHash("vidgen key tag\n" + value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key && key.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[" + masked() + "]";
  }
}
