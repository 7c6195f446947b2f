package dev.vidgen.provider.toapis.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Forgiving readers for fields whose type the ToAPIs pages disagree on. */
public final class Lenient {
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;
  private static final BigDecimal LONGEST = BigDecimal.valueOf(Long.MAX_VALUE);

  private Lenient() {}

  /** A JSON scalar as text: whole doubles without ".0" (Moshi reads every number as a double). */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double number && Double.isFinite(number) && number == Math.rint(number)
        && Math.abs(number) < 1e15) {
      return Long.toString(number.longValue());
    }
    return value.toString();
  }

  /** A JSON scalar (text or number) as {@link #text}; null for any other value (true, an object, a list). */
  public static String scalar(Object value) {
    return value instanceof String || value instanceof Number ? text(value) : null;
  }

  /**
   * A percentage from {@code 42}, {@code "42"}, {@code "42%"} or {@code 41.6}, clamped to 0–100; null if unreadable
   * or no finite number.
   */
  public static Integer percent(String raw) {
    if (raw == null) {
      return null;
    }
    String cleaned = raw.strip();
    if (cleaned.endsWith("%")) {
      cleaned = cleaned.substring(0, cleaned.length() - 1).strip();
    }
    if (cleaned.isEmpty()) {
      return null;
    }
    try {
      double number = Double.parseDouble(cleaned);
      // "1e309", "Infinity" and "NaN" say nothing about how far a task is: unknown, not 100 or 0.
      return Double.isFinite(number) ? (int) Math.max(0, Math.min(100, Math.round(number))) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An instant from Unix seconds, Unix milliseconds or ISO-8601 text; null if missing, unreadable or beyond a long. */
  public static Instant instant(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String cleaned = raw.strip();
    if (!looksLikeNumber(cleaned)) {
      return dateTime(cleaned);
    }
    try {
      BigDecimal exact = new BigDecimal(cleaned);
      // Beyond a long, longValue() keeps only the low 64 bits: 2^64 + 1000 would read as 1970 and the link as long gone.
      long number = exact.signum() <= 0 || exact.compareTo(LONGEST) > 0 ? 0 : exact.longValue();
      if (number <= 0) {
        return null;
      }
      return number >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    } catch (NumberFormatException notANumber) {
      return dateTime(cleaned);
    }
  }

  /** Only digits, signs, points and exponent letters, as a number in text has: an ISO date (with its {@code T}) has more. */
  private static boolean looksLikeNumber(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return false;
      }
    }
    return !text.isEmpty();
  }

  private static Instant dateTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /** A decimal from text, or null when missing or not a number. */
  public static BigDecimal decimal(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > LONGEST_NUMBER_TEXT) {
      return null;
    }
    try {
      BigDecimal number = new BigDecimal(raw.strip());
      // 1e999999 is twelve bytes of text but a million digits once written out: no count of credits is that large.
      return number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS ? null : number;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether {@code raw} is a number (in any spelling: {@code 1e308}, thirty digits) further from zero than {@code most}. */
  public static boolean beyond(String raw, BigDecimal most) {
    if (raw == null || raw.isBlank() || raw.length() > LONGEST_NUMBER_TEXT) {
      return false;
    }
    try {
      return new BigDecimal(raw.strip()).abs().compareTo(most) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The longest text read as a number: room for {@link #MAX_DIGITS} digits each side of the point, a sign, an exponent
   * and spaces. Longer text is no number vidgen reads, and is not parsed at all (a few megabytes of digits would take
   * {@link BigDecimal} seconds to read).
   */
  static final int LONGEST_NUMBER_TEXT = 2 * 30 + 40;

  /** The most digits before, and after, the point a decimal read from an answer may have. */
  static final int MAX_DIGITS = 30;

  /** Lower-case, trimmed text; empty for null. */
  public static String word(String raw) {
    return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
  }
}
