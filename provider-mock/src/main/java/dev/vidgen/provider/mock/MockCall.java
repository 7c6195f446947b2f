package dev.vidgen.provider.mock;

import java.time.Instant;
import java.util.Objects;

/**
 * One call the {@link MockVideoProvider} received, for assertions.
 *
 * @param method the provider method called
 * @param argument what the call was given: a {@code Path} for uploads, a {@code SubmitRequest}
 *     for creates and previews, a {@code TaskId} for status, a {@code VideoAsset} for open, the
 *     reference for lookups, and null for balance
 * @param result what a successful call gave (the upload's {@code URI}, the create's {@code
 *     TaskSnapshot}, …), or null when it failed
 * @param at when the call was made, by the mock's clock
 * @param outcome {@code ok}, or the failure kind in lower case (such as {@code rate_limited})
 */
public record MockCall(
    Method method, Object argument, Object result, Instant at, String outcome) {

  /** The provider method that was called. */
  public enum Method {
    /** An image upload; the argument is the image's {@code Path}. */
    UPLOAD,
    /** A create; the argument is the {@code SubmitRequest}. */
    CREATE,
    /** A status read; the argument is the {@code TaskId}. */
    STATUS,
    /** A look-up by client reference; the argument is the reference. */
    FIND_BY_CLIENT_REFERENCE,
    /** A result download; the argument is the {@code VideoAsset}. */
    OPEN,
    /** A request preview; the argument is the {@code SubmitRequest}, or the {@code FollowOnRequest}. */
    PREVIEW,
    /** A balance read, by {@code balance()} or {@code balances()}; the argument is null. */
    BALANCE,
    /** Issue 11: the live model list. */
    LIVE_MODELS,
    /** Issue 11: a video upload. */
    UPLOAD_VIDEO,
    /** Issue 11: an extend or remix ({@code FollowOnRequest}). */
    FOLLOW_ON
  }

  /** A call as given; {@code method}, {@code at} and {@code outcome} must not be null. */
  public MockCall {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** Whether the call succeeded. */
  public boolean succeeded() {
    return outcome.equals("ok");
  }

  @Override
  public String toString() {
    return method + "(" + (argument == null ? "" : argument) + ") at " + at + " -> " + outcome;
  }
}
