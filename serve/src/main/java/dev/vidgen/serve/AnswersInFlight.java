package dev.vidgen.serve;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpChannelState;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Counts the requests to one path whose answer is not written yet (an asynchronous one until its
 * response completes), so that stopping can wait, bounded, until each has its answer.
 */
final class AnswersInFlight extends HandlerWrapper {
  private final String path;
  private int open;

  AnswersInFlight(String path) {
    this.path = path;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    HttpChannelState state = base.getHttpChannelState();
    boolean counted = state.isInitial() && path.equals(base.getRequestURI());
    if (counted) {
      opened();
    }
    try {
      super.handle(target, base, request, response);
    } finally {
      if (counted) {
        if (state.isAsyncStarted()) {
          state.addListener(new Done());
        } else {
          closed();
        }
      }
    }
  }

  /** Waits until no counted request is without its answer, at most {@code bound}; whether none is. */
  synchronized boolean awaitNone(Duration bound) throws InterruptedException {
    long end = System.nanoTime() + bound.toNanos();
    while (open > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private synchronized void opened() {
    open++;
  }

  private synchronized void closed() {
    open--;
    notifyAll();
  }

  /** Ends the count of an asynchronous request once, whichever way its response ends. */
  private final class Done implements AsyncListener {
    private final AtomicBoolean ended = new AtomicBoolean();

    @Override
    public void onComplete(AsyncEvent event) {
      end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // Still answered afterwards (Javalin writes its timeout answer): onComplete follows.
    }

    @Override
    public void onError(AsyncEvent event) {
      end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // Same request, still counted.
    }

    private void end() {
      if (ended.compareAndSet(false, true)) {
        closed();
      }
    }
  }
}
