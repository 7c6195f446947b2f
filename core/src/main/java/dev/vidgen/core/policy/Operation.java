package dev.vidgen.core.policy;

/** The kind of provider call a failure happened on; it decides whether a retry is safe. */
public enum Operation {
  /** Creating a task: billable, so an unanswered create is not blindly sent again. */
  CREATE,
  /** Reading a task's status or the balance: idempotent. */
  READ,
  /** Uploading a local image: safe to repeat (at worst an unused upload). */
  UPLOAD,
  /** Fetching the finished video: idempotent. */
  DOWNLOAD
}
