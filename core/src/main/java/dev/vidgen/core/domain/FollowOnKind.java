package dev.vidgen.core.domain;

import java.util.Locale;
import java.util.Optional;

/** A job that starts from an earlier task's video instead of from a prompt alone. */
public enum FollowOnKind {
  /** Continues the earlier video with new seconds. */
  EXTEND,
  /** Makes a variation of the earlier video from a new prompt. */
  REMIX;

  /** The lower-case name used in paths, flags and JSON: {@code extend} or {@code remix}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The id with its article, for sentences: {@code an extend}, {@code a remix}. */
  public String withArticle() {
    return (this == EXTEND ? "an " : "a ") + id();
  }

  /** Reads {@code extend} or {@code remix} (any case); empty otherwise. */
  public static Optional<FollowOnKind> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (FollowOnKind kind : values()) {
      if (kind.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
