package dev.vidgen.serve;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;

/**
 * One live-update connection's events not yet written, written in order, one at a time, by one thread of the
 * writers at a time; it is cut once more than {@code mostWaiting} characters wait or a write waited too long.
 */
final class EventOutbox {
  /** One event, or a comment when {@code event} is null. */
  private record Frame(String event, String data) {
    long size() {
      return data.length() + (event == null ? 0 : event.length());
    }
  }

  private final SseClient client;
  private final long mostWaiting;
  private final Executor writers;
  private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
  private final AtomicLong waiting = new AtomicLong();
  /** Whether a writer is taking this connection's frames; at most one at a time, so they go out in order. */
  private final AtomicBoolean draining = new AtomicBoolean();
  /** When the write under way began ({@link System#nanoTime}), or 0 while none is. */
  private volatile long writingSince;

  EventOutbox(SseClient client, long mostWaiting, Executor writers) {
    this.client = client;
    this.mostWaiting = mostWaiting;
    this.writers = writers;
  }

  /** Queues one event; a connection whose unsent events are now too many is cut. */
  void add(String event, String data) {
    queue(new Frame(event, data));
  }

  /** Queues a keep-alive comment unless something is queued or being written already. */
  void keepAlive() {
    if (frames.isEmpty() && writingSince == 0) {
      queue(new Frame(null, EventClients.KEEP_ALIVE));
    }
  }

  /** Whether a write to this connection has been under way longer than {@code bound} at {@code now}. */
  boolean waitedLongerThan(Duration bound, long now) {
    long since = writingSince;
    return since != 0 && now - since > bound.toNanos();
  }

  /** Ends the connection gracefully, or cuts it when a write to it is under way. */
  void close() {
    frames.clear();
    if (writingSince != 0) {
      cut();
    } else {
      closeClient();
    }
  }

  /** Drops the connection under any write blocked on it, and closes it. */
  void cut() {
    frames.clear();
    try {
      Request request = Request.getBaseRequest(client.ctx().req());
      if (request != null) {
        request.getHttpChannel().getEndPoint().close(); // fails the blocked write, freeing its thread
      }
    } catch (RuntimeException gone) {
      // Already gone.
    }
    closeClient();
  }

  private void closeClient() {
    try {
      client.close();
    } catch (RuntimeException gone) {
      // Already gone.
    }
  }

  private void queue(Frame frame) {
    if (client.terminated()) {
      return;
    }
    frames.add(frame);
    if (waiting.addAndGet(frame.size()) > mostWaiting) {
      cut();
      return;
    }
    startDraining();
  }

  private void startDraining() {
    if (draining.compareAndSet(false, true)) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException stopped) {
        draining.set(false);
        cut();
      }
    }
  }

  private void drain() {
    while (true) {
      Frame frame = frames.poll();
      if (frame == null) {
        draining.set(false);
        if (frames.isEmpty() || !draining.compareAndSet(false, true)) {
          return; // a frame queued meanwhile has started a writer of its own, or there is none
        }
        continue;
      }
      waiting.addAndGet(-frame.size());
      if (client.terminated()) {
        frames.clear();
        continue;
      }
      write(frame);
    }
  }

  private void write(Frame frame) {
    writingSince = Math.max(1, System.nanoTime());
    try {
      if (frame.event() == null) {
        client.sendComment(frame.data()); // a write that fails with an IOException closes the client itself
      } else {
        client.sendEvent(frame.event(), frame.data());
      }
    } catch (RuntimeException broken) {
      closeClient();
    } finally {
      writingSince = 0;
    }
  }
}
