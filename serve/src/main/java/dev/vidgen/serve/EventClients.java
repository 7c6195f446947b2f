package dev.vidgen.serve;

import dev.vidgen.core.concurrent.DaemonThreads;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pages' live-update connections ({@code GET /api/events}): at most {@link Limits#mostOpen} at once, each sent
 * a keep-alive comment every {@link Limits#keepAliveEvery}, so that a connection whose page went away fails a write
 * and is closed and forgotten even while no task changes. Each connection's events wait in its own queue and are
 * written in order by a thread of their own, so that one that stops reading holds up no other; it is cut once a
 * write to it waited {@link Limits#stuckAfter} or its unsent events exceed {@link Limits#mostWaiting}.
 */
final class EventClients implements AutoCloseable {
  /** The comment each connection is sent to keep it alive; a browser's {@code EventSource} passes over it. */
  static final String KEEP_ALIVE = "ping";

  /**
   * How often each connection is written to while nothing else is, how many may be open at once, and when one that
   * does not read is cut.
   *
   * @param keepAliveEvery how long between keep-alive comments: a connection whose page went away is let go
   *     within about twice this
   * @param mostOpen the most connections kept open at once; another is refused with 503
   * @param stuckAfter how long one write to a connection may wait for its page to read before it is cut
   * @param mostWaiting how many characters of events may wait unsent for one connection before it is cut
   */
  record Limits(Duration keepAliveEvery, int mostOpen, Duration stuckAfter, long mostWaiting) {
    /**
     * A keep-alive every 15 s (a gone page let go within about 30 s), at most 100 connections at once, and one that
     * does not read cut once a write to it waited 10 s or 1 MiB of events wait for it.
     */
    static final Limits DEFAULT = new Limits(Duration.ofSeconds(15), 100);

    Limits {
      Objects.requireNonNull(keepAliveEvery, "keepAliveEvery == null");
      Objects.requireNonNull(stuckAfter, "stuckAfter == null");
      if (keepAliveEvery.isNegative() || keepAliveEvery.isZero()) {
        throw new IllegalArgumentException("keepAliveEvery must be positive, was " + keepAliveEvery);
      }
      if (mostOpen < 1) {
        throw new IllegalArgumentException("mostOpen must be at least 1, was " + mostOpen);
      }
      if (stuckAfter.isNegative() || stuckAfter.isZero()) {
        throw new IllegalArgumentException("stuckAfter must be positive, was " + stuckAfter);
      }
      if (mostWaiting < 1) {
        throw new IllegalArgumentException("mostWaiting must be at least 1, was " + mostWaiting);
      }
    }

    /** These keep-alives and ceiling, a connection that does not read cut after 10 s or 1 MiB waiting. */
    Limits(Duration keepAliveEvery, int mostOpen) {
      this(keepAliveEvery, mostOpen, Duration.ofSeconds(10), 1024 * 1024);
    }
  }

  private final Limits limits;
  private final Map<SseClient, EventOutbox> clients = new ConcurrentHashMap<>();
  /** Sends the keep-alives and cuts the connections that do not read. */
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-serve-push"));
  /**
   * Where each connection's events are written, at most one thread per connection at a time: a write blocked on
   * a page that does not read holds its own thread only, until it is cut. Idle threads end after 2 s.
   */
  private final ThreadPoolExecutor writers;
  private volatile boolean closed;

  EventClients(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits == null");
    this.writers = new ThreadPoolExecutor(0, 2 * limits.mostOpen(), 2, TimeUnit.SECONDS, new SynchronousQueue<>(),
        DaemonThreads.named("vidgen-serve-events"));
    long every = limits.keepAliveEvery().toMillis();
    timer.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    long look = Math.max(10, Math.min(1000, limits.stuckAfter().toMillis() / 4));
    timer.scheduleWithFixedDelay(this::cutStuck, look, look, TimeUnit.MILLISECONDS);
  }

  /** Whether as many connections are open as are kept at once, so that another is to be refused. */
  boolean full() {
    return clients.size() >= limits.mostOpen();
  }

  /** How many connections are open now. */
  int open() {
    return clients.size();
  }

  /** How long a connection whose page went away stays open at most: two keep-alives, at least a second. */
  Duration letGoWithin() {
    Duration twice = limits.keepAliveEvery().multipliedBy(2);
    return twice.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twice;
  }

  /** The most connections kept open at once. */
  int mostOpen() {
    return limits.mostOpen();
  }

  /**
   * Keeps {@code client} open and sends it what follows; false when it came in over the ceiling beside others
   * let in at the same moment, or after closing, and was closed.
   */
  boolean admit(SseClient client) {
    client.keepAlive();
    EventOutbox outbox = new EventOutbox(client, limits.mostWaiting(), writers);
    client.onClose(() -> clients.remove(client, outbox));
    clients.put(client, outbox);
    if (clients.size() > limits.mostOpen() || closed) {
      clients.remove(client, outbox);
      client.close();
      return false;
    }
    return true;
  }

  /** Queues one event for {@code client}, after those queued before it. */
  void send(SseClient client, String event, String data) {
    EventOutbox outbox = clients.get(client);
    if (outbox != null) {
      outbox.add(event, data);
    }
  }

  /** Queues one event for every open connection. */
  void sendToAll(String event, String data) {
    clients.values().forEach(outbox -> outbox.add(event, data));
  }

  private void keepAlive() {
    clients.values().forEach(EventOutbox::keepAlive);
  }

  private void cutStuck() {
    long now = System.nanoTime();
    clients.values().stream().filter(outbox -> outbox.waitedLongerThan(limits.stuckAfter(), now))
        .forEach(EventOutbox::cut);
  }

  /** Stops the keep-alives and closes every connection, cutting those with a write under way. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    clients.values().forEach(EventOutbox::close);
    clients.clear();
    writers.shutdownNow();
  }
}
