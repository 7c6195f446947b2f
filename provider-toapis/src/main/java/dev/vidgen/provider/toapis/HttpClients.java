package dev.vidgen.provider.toapis;

import dev.vidgen.core.port.VidgenThreads;
import dev.vidgen.provider.toapis.internal.AddressKind;
import dev.vidgen.provider.toapis.internal.AnswerLimit;
import dev.vidgen.provider.toapis.internal.ApiHeaders;
import dev.vidgen.provider.toapis.internal.CallTrace;
import dev.vidgen.provider.toapis.internal.ConnectWatch;
import dev.vidgen.provider.toapis.internal.ErrorMapper;
import dev.vidgen.provider.toapis.internal.Http10Connections;
import dev.vidgen.provider.toapis.internal.HttpLog;
import dev.vidgen.provider.toapis.internal.LoopbackDns;
import dev.vidgen.provider.toapis.internal.OneImmediateResend;
import dev.vidgen.provider.toapis.internal.ResultAddresses;
import dev.vidgen.provider.toapis.internal.ResultRedirects;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients a provider uses, all from one dispatcher: one for the API (key header, one
 * attempt per call, or two at once for a read whose kept-alive connection was found closed, no
 * https-to-http redirects, a call timeout, read and write timeouts only when set; its creates on a pool of their
 * own), the same for file uploads but bounded by silence (read and write timeouts, no call timeout:
 * a 50 MB video on a slow uplink takes minutes; small send buffers, on connections of their own, so that
 * the write timeout measures the upload as it goes out), and one for result files (no key, no call timeout,
 * since a video may take a while to stream, but read and write timeouts; like a read, at most two
 * attempts at once; only to the machines {@link ResultAddresses} allows).
 */
final class HttpClients {
  private static final long KEEP_ALIVE_MINUTES = 5;

  final OkHttpClient api;
  /**
   * The API's calls: a read ({@code GET}: a status, the balance, the model list), which changes nothing,
   * is sent again by OkHttp at once when a kept-alive connection turns out closed (the server shut it
   * while idle, or after an HTTP/1.0 answer), but once only ({@link OneImmediateResend}: a second failure
   * waits for the retry policy's backoff); anything else, a create above all, never is,
   * and goes out only on a connection used in the last {@value #SEND_KEEP_ALIVE_SECONDS} s or a fresh one.
   */
  final Call.Factory apiCalls;
  /**
   * How long a connection that sent a create (or another call that changes something) is kept for the
   * next: shorter than the idle timeout of common servers (5 s), which close a connection unannounced,
   * so that a create never goes into one they closed, where whether it arrived could not be known.
   */
  static final long SEND_KEEP_ALIVE_SECONDS = 2;
  /**
   * The send buffer an upload's socket asks for. The system takes a file into a buffer of its own size
   * (up to 4 MiB on Linux) at once, and the read timeout would then run while most of it still waits to go
   * out; with this one a write waits for the link (the write timeout ends an upload of which less than
   * 256 KiB went out in that time), and at most twice this (Linux counts its bookkeeping in) is still on
   * its way when the read timeout starts: a link that moves it within the read timeout (about 9 KiB/s for
   * the default 60 s) is never cut off. A smaller buffer would let slower links through but cap faster
   * ones: at 256 KiB an upload still reaches about 20 Mbit/s where a packet takes 100 ms to be
   * acknowledged (a 50 MB video in some 20 s).
   */
  static final int UPLOAD_SEND_BUFFER = 256 * 1024;
  private final OkHttpClient sends;
  final OkHttpClient uploads;
  final OkHttpClient files;
  final boolean owned;

  HttpClients(ToApisConfig config, HttpLog log) {
    this(config, log, (host, address) -> AddressKind.of(address));
  }

  /** As {@link #HttpClients(ToApisConfig, HttpLog)}, with {@code addressKinds} telling the kind of a result host's address. */
  HttpClients(ToApisConfig config, HttpLog log, BiFunction<String, InetAddress, AddressKind> addressKinds) {
    owned = config.httpClient().isEmpty();
    OkHttpClient base = config.httpClient().orElseGet(() -> ownClient(config.maxRequests()));
    OkHttpClient.Builder shared = base.newBuilder()
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.writeTimeout())
        .dns(new LoopbackDns(base.dns()))
        // The whole setting up of a connection (TCP, a proxy's tunnel, TLS) is bounded by the connect timeout.
        .eventListenerFactory(ConnectWatch.factory(base.eventListenerFactory(), config.connectTimeout()))
        .addNetworkInterceptor(CallTrace.networkInterceptor())
        .addNetworkInterceptor(new Http10Connections())
        .addNetworkInterceptor(OneImmediateResend.attemptInterceptor());
    if (base.proxy() == null) {
      // Loopback always direct; Java's proxy properties, when set, over the configured proxies (HTTPS_PROXY and the like).
      shared.proxySelector(ProxyRoutes.of(config, base.proxySelector()));
    }
    if (base.proxyAuthenticator() == Authenticator.NONE) {
      shared.proxyAuthenticator(new ProxyCredentials(config.httpsProxy().orElse(null), config.httpProxy().orElse(null),
          System::getProperty));
    }
    OkHttpClient routed = shared.build();
    api = routed.newBuilder()
        .addInterceptor(new ApiHeaders(config.apiKey(), config.httpBaseUrl()))
        .addInterceptor(log)
        .addInterceptor(new AnswerLimit(config.maxAnswerBytes()))
        .addInterceptor(OneImmediateResend.callInterceptor())
        // A create whose caller journals it leaves only once the caller recorded that it leaves (CallTrace).
        .addInterceptor(CallTrace.startInterceptor())
        // Bounded by the call timeout, a call needs no timer on each read and write unless asked.
        .readTimeout(config.apiReadTimeout())
        .writeTimeout(config.apiWriteTimeout())
        .retryOnConnectionFailure(false)
        // A redirect would send the request (a create's body, an upload) to another server and trust
        // its answer: an API call answered 3xx fails instead, saying where it was sent.
        .followRedirects(false)
        .followSslRedirects(false)
        .callTimeout(config.callTimeout())
        .build();
    OkHttpClient reads = api.newBuilder().retryOnConnectionFailure(true).build();
    sends = api.newBuilder()
        .connectionPool(new ConnectionPool(config.maxRequests(), SEND_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS))
        .build();
    apiCalls = request -> ("GET".equals(request.method()) ? reads : sends).newCall(request);
    uploads = api.newBuilder()
        .socketFactory(new SmallSendBuffers(routed.socketFactory(), UPLOAD_SEND_BUFFER))
        // Connections of their own: OkHttp's pool does not tell sockets apart by their factory, so an upload
        // would otherwise go out on an API call's connection (a large buffer) and an API call on an upload's.
        .connectionPool(new ConnectionPool(config.maxRequests(), KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
        .readTimeout(config.readTimeout())
        .writeTimeout(config.writeTimeout())
        .callTimeout(Duration.ZERO)
        .build();
    Dns resolver = new LoopbackDns(base.dns());
    ResultAddresses addresses = new ResultAddresses(config.httpBaseUrl(), resolver, addressKinds);
    files = routed.newBuilder()
        // A result link and its redirects reach only public machines, or ones of the base URL's kind (no SSRF). Behind
        // a proxy the only name resolved here is the proxy's own (it resolves the result hosts): an in-house proxy is
        // not refused, and the IP addresses in links are still checked below.
        .dns(proxied(routed) ? resolver : addresses.guarding(resolver))
        .addInterceptor(log)
        // Each address a result link redirects to is checked before it is fetched (the key never goes along).
        .addInterceptor(new ResultRedirects(text -> ErrorMapper.carriesKey(config.apiKey(), text), addresses))
        // A download is sent again at once as a read is (once at most), then left to the retry policy.
        .addInterceptor(OneImmediateResend.callInterceptor())
        .followRedirects(false)
        .followSslRedirects(false)
        .callTimeout(Duration.ZERO)
        .build();
  }

  /**
   * Whether {@code client} sends results through a proxy: its own, or one its proxy selector (the JVM's
   * {@code https.proxyHost} and the like, or the configured {@code https_proxy}) gives for a result host.
   */
  private static boolean proxied(OkHttpClient client) {
    if (client.proxy() != null) {
      return client.proxy().type() != java.net.Proxy.Type.DIRECT;
    }
    try {
      return client.proxySelector().select(java.net.URI.create("https://files.toapis.com/")).stream()
          .anyMatch(proxy -> proxy.type() != java.net.Proxy.Type.DIRECT);
    } catch (RuntimeException unreadable) {
      return false; // a selector that fails here: the names stay guarded
    }
  }

  /** Stops the dispatcher and drops idle connections, when the provider made them. */
  void close() {
    sends.connectionPool().evictAll();
    uploads.connectionPool().evictAll();
    if (owned) {
      api.dispatcher().cancelAll();
      api.dispatcher().executorService().shutdown();
      api.connectionPool().evictAll();
    }
  }

  /**
   * A dispatcher on at most {@code maxRequests} threads: OkHttp runs each call in flight on a
   * thread of its own, so the calls beyond that wait in the dispatcher's queue (a few hundred
   * bytes each) instead of holding a thread. Daemon threads (OkHttp's own are not), so an app that
   * forgets close() can still exit; idle ones end after a minute. Marked as vidgen's own, since the
   * client's futures complete on them: a blocking client call made there is refused at once.
   */
  private static OkHttpClient ownClient(int maxRequests) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(maxRequests, maxRequests, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), VidgenThreads.named("toapis-http"));
    executor.allowCoreThreadTimeOut(true);
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(maxRequests);
    dispatcher.setMaxRequestsPerHost(maxRequests);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(maxRequests, KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
        .build();
  }
}
