package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okio.AsyncTimeout;

/**
 * Notes on each call's {@link CallTrace} where it connects (its URL's {@code host:port} and the proxy on the way)
 * and whether its request body went out whole, and bounds the whole setting up of a connection (TCP, a proxy's
 * CONNECT tunnel, the TLS handshake) by the connect timeout: OkHttp bounds only the TCP part, so a proxy that
 * takes the connection and never answers its CONNECT would hold a call, which sent nothing yet, until the call's own timeout. Such a call is cancelled,
 * unsent.
 */
public final class ConnectWatch extends EventListener {
  private final Duration limit;
  /** Armed from the first connect until a connection is had or the call ends; null once it went off or stood down. */
  private Watchdog armed;

  private ConnectWatch(Duration limit) {
    this.limit = limit;
  }

  /** Each call's watch, before the listener {@code others} makes for it (the client's own, kept). */
  public static EventListener.Factory factory(EventListener.Factory others, Duration limit) {
    Objects.requireNonNull(others, "others == null");
    Objects.requireNonNull(limit, "limit == null");
    return call -> new ConnectWatch(limit).plus(others.create(call));
  }

  @Override
  public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    CallTrace trace = call.request().tag(CallTrace.class);
    if (trace != null) {
      HttpUrl url = call.request().url();
      trace.connecting(url.host() + ":" + url.port(), ProxyNames.named(proxy, url.scheme()));
    }
    if (armed == null && !limit.isZero() && !limit.isNegative()) {
      armed = new Watchdog(call, trace);
      armed.timeout(limit.toMillis(), TimeUnit.MILLISECONDS);
      armed.enter();
    }
  }

  @Override
  public void secureConnectStart(Call call) {
    CallTrace trace = call.request().tag(CallTrace.class);
    if (trace != null) {
      trace.handshaking();
    }
  }

  @Override
  public void requestBodyStart(Call call) {
    CallTrace trace = call.request().tag(CallTrace.class);
    if (trace != null) {
      trace.sendingBody();
    }
  }

  @Override
  public void requestBodyEnd(Call call, long byteCount) {
    CallTrace trace = call.request().tag(CallTrace.class);
    if (trace != null) {
      trace.bodySent();
    }
  }

  @Override
  public synchronized void connectionAcquired(Call call, Connection connection) {
    standDown();
  }

  @Override
  public synchronized void callEnd(Call call) {
    standDown();
  }

  @Override
  public synchronized void callFailed(Call call, IOException failure) {
    standDown();
  }

  private void standDown() {
    if (armed != null) {
      armed.exit();
      armed = null;
    }
  }

  /**
   * Okio's timeout, run by the watchdog thread OkHttp's own socket timeouts already use, so that watching every
   * connect adds no thread of its own.
   */
  private final class Watchdog extends AsyncTimeout {
    private final Call call;
    private final CallTrace trace;

    Watchdog(Call call, CallTrace trace) {
      this.call = call;
      this.trace = trace;
    }

    @Override
    protected void timedOut() {
      synchronized (ConnectWatch.this) {
        if (armed != this) {
          return; // connected meanwhile
        }
        armed = null;
      }
      if (trace != null) {
        trace.connectOverran(limit);
      }
      call.cancel();
    }
  }
}
