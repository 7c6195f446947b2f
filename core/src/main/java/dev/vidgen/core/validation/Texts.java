package dev.vidgen.core.validation;

import java.util.Collection;
import java.util.Iterator;

/** Small text helpers for messages: "10 or 15", "16:9, 9:16 or 1:1". */
final class Texts {
  private Texts() {}

  /** Joins values as "a", "a or b", "a, b or c"; "none" when empty. */
  static String orList(Collection<?> values) {
    if (values.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    Iterator<?> it = values.iterator();
    int index = 0;
    int last = values.size() - 1;
    while (it.hasNext()) {
      Object value = it.next();
      if (index > 0) {
        text.append(index == last ? " or " : ", ");
      }
      text.append(value);
      index++;
    }
    return text.toString();
  }

  /** A value for a message, cut short when very long so a report stays readable. */
  static String shown(Object value) {
    String text = String.valueOf(value);
    if (text.length() <= 120) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, Math.min(117, text.codePointCount(0, text.length())))) + "...";
  }
}
