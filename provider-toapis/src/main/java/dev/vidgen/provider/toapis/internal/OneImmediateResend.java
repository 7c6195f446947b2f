package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Lets OkHttp send a call's request again at once at most once. OkHttp resends a request that failed
 * on a kept-alive connection (one the server may have closed while it was idle) on the next pooled
 * connection, and again on each one after: a server dropping every connection would get a burst of
 * as many requests as the pool holds. Here the second failure of a call ends it, so that the
 * caller's retry policy, with its backoff, decides what comes next. Add {@link #callInterceptor()}
 * as the last application interceptor and {@link #attemptInterceptor()} as a network interceptor.
 */
public final class OneImmediateResend {
  private OneImmediateResend() {}

  /** Gives each call its count of failed attempts, and hands on the failure that ended it as it was. */
  public static Interceptor callInterceptor() {
    return OneImmediateResend::perCall;
  }

  /** Counts a call's failed attempts, and makes the second one final for OkHttp. */
  public static Interceptor attemptInterceptor() {
    return OneImmediateResend::perAttempt;
  }

  private static Response perCall(Interceptor.Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request().newBuilder().tag(FailedAttempts.class, new FailedAttempts()).build());
    } catch (NoMoreResends ended) {
      throw ended.failure();
    }
  }

  private static Response perAttempt(Interceptor.Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (IOException failure) {
      FailedAttempts failed = chain.request().tag(FailedAttempts.class);
      if (failed != null && failed.count.getAndIncrement() > 0) {
        throw new NoMoreResends(failure);
      }
      throw failure;
    }
  }

  /** How many attempts of one call failed; the call's request carries it as a tag. */
  private static final class FailedAttempts {
    private final AtomicInteger count = new AtomicInteger();
  }

  /**
   * A failure OkHttp must not retry: a {@link ProtocolException} is the one kind it never recovers
   * from, on any connection. It never leaves the call: {@link #callInterceptor()} throws the failure
   * it carries instead, with the earlier attempts' failures added as suppressed.
   */
  private static final class NoMoreResends extends ProtocolException {
    private static final long serialVersionUID = 1L;

    NoMoreResends(IOException failure) {
      super("a second failed attempt of one call: left to the retry policy");
      initCause(failure);
    }

    IOException failure() {
      IOException failure = (IOException) getCause();
      for (Throwable earlier : getSuppressed()) {
        if (earlier != failure) {
          failure.addSuppressed(earlier);
        }
      }
      return failure;
    }
  }
}
