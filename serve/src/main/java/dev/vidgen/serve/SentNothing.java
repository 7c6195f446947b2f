package dev.vidgen.serve;

/**
 * A Generate that failed in its checks or uploads, before its create left: whatever the failure (a
 * server error on an upload too), nothing was created or billed. Carries the failure as its cause and message.
 */
final class SentNothing extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SentNothing(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
