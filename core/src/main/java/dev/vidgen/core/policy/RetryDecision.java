package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Objects;

/** What to do after a failed provider call. */
public sealed interface RetryDecision {

  /** Why, in words fit for a log line or an error message. */
  String reason();

  /** Try again after {@code delay}. */
  record Retry(Duration delay, String reason) implements RetryDecision {
    /** A retry after {@code delay}, for {@code reason}; neither may be null. */
    public Retry {
      Objects.requireNonNull(delay, "delay == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /** Stop and report the failure. */
  record GiveUp(String reason) implements RetryDecision {
    /** A stop, for {@code reason}, which must not be null. */
    public GiveUp {
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A create was sent but not answered: the task may exist and be billed. Look it up by client
   * reference where the route takes one; otherwise report it, never send it again blindly.
   */
  record Ambiguous(String reason) implements RetryDecision {
    /** An unanswered create, for {@code reason}, which must not be null. */
    public Ambiguous {
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
