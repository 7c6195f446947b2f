package dev.vidgen.provider.toapis;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.files.ImageFormats;
import dev.vidgen.core.files.VideoFormats;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.KeyInJob;
import dev.vidgen.core.port.RateLimits;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.provider.toapis.internal.AccountAnswers;
import dev.vidgen.provider.toapis.internal.ApiHeaders;
import dev.vidgen.provider.toapis.internal.Json;
import dev.vidgen.provider.toapis.internal.BalanceDto;
import dev.vidgen.provider.toapis.internal.CallContext;
import dev.vidgen.provider.toapis.internal.CallTrace;
import dev.vidgen.provider.toapis.internal.CreateBody;
import dev.vidgen.provider.toapis.internal.ErrorMapper;
import dev.vidgen.provider.toapis.internal.HttpCalls;
import dev.vidgen.provider.toapis.internal.HttpLog;
import dev.vidgen.provider.toapis.internal.ParamClashes;
import dev.vidgen.provider.toapis.internal.ReadableBodies;
import dev.vidgen.provider.toapis.internal.ServerUrls;
import dev.vidgen.provider.toapis.internal.TaskDto;
import dev.vidgen.provider.toapis.internal.TaskSnapshots;
import dev.vidgen.provider.toapis.internal.ToApisApi;
import dev.vidgen.provider.toapis.internal.UnreadableResponseException;
import dev.vidgen.provider.toapis.internal.UploadDto;
import dev.vidgen.provider.toapis.internal.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import retrofit2.Retrofit;

/**
 * ToAPIs over HTTP: one attempt per call, each on OkHttp's dispatcher, each failure completed
 * with the core's exception. Safe for concurrent use.
 */
final class ToApisVideoProvider implements VideoProvider {
  static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
  private static final String CREATE_PATH = "v1/videos/generations";
  /** How long ToAPIs keeps a result's links, as its docs say. */
  private static final Duration RESULT_LIFETIME = Duration.ofHours(24);
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final ToApisConfig config;
  private final HttpClients clients;
  private final ToApisApi api;
  /** The same endpoints on {@link HttpClients#uploads}: file uploads, bounded by silence rather than in total. */
  private final ToApisApi uploads;
  private final HttpCalls calls;
  private final ErrorMapper errors;
  /** The {@code Authorization} value, made once; never shown. */
  private final String authorization;
  private volatile boolean closed;

  ToApisVideoProvider(ToApisConfig config) {
    this(config, HttpLog.toSlf4j(config.apiKey()));
  }

  ToApisVideoProvider(ToApisConfig config, HttpLog log) {
    this(config, log, (host, address) -> dev.vidgen.provider.toapis.internal.AddressKind.of(address));
  }

  /** With {@code addressKinds} telling the kind of a result host's address (tests stand loopback in for public). */
  ToApisVideoProvider(ToApisConfig config, HttpLog log, java.util.function.BiFunction<String, java.net.InetAddress,
      dev.vidgen.provider.toapis.internal.AddressKind> addressKinds) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.clients = new HttpClients(config, log, addressKinds);
    this.errors = new ErrorMapper(config.apiKey(), config.clock(), config.httpBaseUrl().toString(),
        new dev.vidgen.provider.toapis.internal.NoAnswer(config.apiReadTimeout(), config.callTimeout(),
            config.readTimeout(), config.writeTimeout()));
    this.calls = new HttpCalls(errors);
    this.authorization = ApiHeaders.authorization(config.apiKey());
    Retrofit retrofit = new Retrofit.Builder()
        .baseUrl(config.httpBaseUrl())
        .callFactory(clients.apiCalls)
        .addConverterFactory(new ReadableBodies())
        .build();
    this.api = retrofit.create(ToApisApi.class);
    this.uploads = retrofit.newBuilder().client(clients.uploads).build().create(ToApisApi.class);
  }

  @Override
  public String id() {
    return ToApisProviderFactory.ID;
  }

  /** Reads the route's {@code hints.toapis} as every create would: unknown keys and wrong types are refused. */
  @Override
  public void checkHints(ModelRoute route) {
    WireFormat.of(Objects.requireNonNull(route, "route == null"));
  }

  /**
   * Whether the route's wire takes {@code client_business_id} ({@code hints.toapis.client_reference}); false
   * for a route whose hints cannot be read, on which validation refuses every job ({@link #checkHints}).
   */
  @Override
  public boolean takesClientReference(ModelRoute route) {
    Objects.requireNonNull(route, "route == null");
    try {
      return WireFormat.of(route).acceptsClientReference();
    } catch (IllegalArgumentException unusable) {
      return false;
    }
  }

  /** {@code client_business_id} on a route that takes it: vidgen sends its own, by which it finds the task again. */
  @Override
  public Set<String> paramsItFills(ModelRoute route) {
    return takesClientReference(route) ? Set.of(CreateBody.CLIENT_REFERENCE_FIELD) : Set.of();
  }

  /**
   * The configured API key: the client refuses a job whose text (the prompt, a link, a parameter) holds it, as
   * ToAPIs passes such text on to the model's vendor.
   */
  @Override
  public Set<dev.vidgen.core.port.ApiKey> keysJobsMayNotHold() {
    return Set.of(config.apiKey());
  }

  /** Parameters that would replace a field the job's settings fill (the client reference among them). */
  @Override
  public List<Violation> checkParams(VideoJob job, ModelRoute route) {
    List<Violation> found = new java.util.ArrayList<>(ParamClashes.find(job, route, takesClientReference(route)));
    found.addAll(dev.vidgen.provider.toapis.internal.CallbackUrl.find(job));
    return found;
  }


  @Override
  public CompletableFuture<URI> upload(Path image) {
    Objects.requireNonNull(image, "image == null");
    return guarded(() -> {
      long size = readableSize(image);
      if (size > MAX_UPLOAD_BYTES) {
        throw new IllegalArgumentException("image " + image + " is " + size
            + " bytes; ToAPIs takes images of at most 10 MB (10485760 bytes)");
      }
      // Sent under a name whose extension matches the bytes (IMG_0042.HEIC holding a JPEG goes as IMG_0042.jpg).
      String name = UploadFileNames.of(image.getFileName().toString(), ImageFormats.format(head(image)), "image");
      MultipartBody.Part file = MultipartBody.Part.createFormData(
          "file", name, RequestBody.create(image.toFile(), imageType(image, name)));
      CallTrace trace = new CallTrace();
      CallContext context = CallContext.of(Operation.UPLOAD);
      return calls.send(uploads.uploadImage(file, RequestBody.create("generation", TEXT), authorization, trace), trace, context,
          (body, status, headers) -> uploadedUrl(context, body, status, headers));
    });
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    return create(request, null);
  }

  /**
   * A create still waiting for a free connection when {@code stopSending} completes is never sent;
   * a null {@code stopSending} never stops it.
   */
  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request, CompletionStage<?> stopSending) {
    return create(request, stopSending, dev.vidgen.core.port.CreateTurns.NONE);
  }

  /** As {@link #create(SubmitRequest, CompletionStage)}, telling {@code turns} while it waits for a connection. */
  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request, CompletionStage<?> stopSending,
      dev.vidgen.core.port.CreateTurns turns) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(turns, "turns == null");
    return guarded(() -> {
      // The client's validation reports these; this is the backstop for a caller that skipped it.
      List<Violation> clashes = new java.util.ArrayList<>(KeyInJob.find(request.job(), config.apiKey()));
      clashes.addAll(checkParams(request.job(), request.route()));
      if (!clashes.isEmpty()) {
        throw new dev.vidgen.core.error.InvalidJobException(
            new dev.vidgen.core.validation.ValidationReport(request.route().id(), null, clashes));
      }
      String json = Json.write(BrokenBodyText.refusedOrSame(CreateBody.of(request), request.route().id()));
      String reference = takesClientReference(request.route()) ? request.clientReference() : null;
      CallTrace trace = new CallTrace();
      CallContext context = CallContext.create(reference);
      return calls.send(api.createVideo(RequestBody.create(json, ApiHeaders.JSON), authorization, trace), trace,
          context, (body, status, headers) -> created(context, body, status, headers), stopSending,
          turns == dev.vidgen.core.port.CreateTurns.NONE || !mayWaitForConnection() ? dev.vidgen.core.port.CreateTurns.NONE
              : turns);
    });
  }

  /**
   * Whether a call handed to the dispatcher now may wait for one of its threads (every one busy, or all but one):
   * only then is a journaled create marked waiting, and held until its caller recorded that it leaves, so that a
   * batch whose creates find a free connection pays no journal writes for it. A guess: a call that finds the
   * dispatcher full after all goes unmarked, which a kill then leaves as it always did (looked up, or unknown).
   */
  private boolean mayWaitForConnection() {
    okhttp3.Dispatcher dispatcher = clients.api.dispatcher();
    int slots = Math.min(dispatcher.getMaxRequests(), dispatcher.getMaxRequestsPerHost());
    return dispatcher.queuedCallsCount() > 0 || dispatcher.runningCallsCount() >= slots - 1;
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId == null");
    return guarded(() -> {
      CallTrace trace = new CallTrace();
      return calls.send(api.videoTask(taskId.value(), authorization, trace), trace, CallContext.read(taskId),
          (body, status, headers) -> TaskSnapshots.fromTask(body, taskId, errors::scrub, errors::carriesKey));
    });
  }

  @Override
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    Objects.requireNonNull(clientReference, "clientReference == null");
    CompletableFuture<TaskSnapshot> lookup = guarded(() -> {
      CallTrace trace = new CallTrace();
      CallContext context = new CallContext(Operation.READ, null, clientReference);
      // It stands in for the create's lost answer: the task's id is what it is for, and the status read by id decides.
      return calls.send(api.videoTask(clientReference, authorization, trace), trace, context,
          (body, status, headers) -> TaskSnapshots.fromCreate(body, errors::scrub, errors::carriesKey));
    });
    CompletableFuture<Optional<TaskSnapshot>> found = new CompletableFuture<>();
    lookup.whenComplete((snapshot, failure) -> {
      Throwable cause = AsyncFailures.unwrap(failure);
      if (failure == null) {
        found.complete(Optional.of(snapshot));
      } else if (cause instanceof ProviderException problem && problem.kind() == FailureKind.NOT_FOUND) {
        found.complete(Optional.empty());
      } else {
        found.completeExceptionally(cause);
      }
    });
    found.whenComplete((result, failure) -> {
      if (found.isCancelled()) {
        lookup.cancel(false);
      }
    });
    return found;
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    return open(asset, (dev.vidgen.core.port.VideoRange) null);
  }

  /**
   * Asks for the bytes from {@code from.firstByte()} on ({@code Range}), with {@code If-Range} naming the file's
   * validator where HTTP allows it, so that a server whose file changed sends it whole (a 200).
   */
  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset, dev.vidgen.core.port.VideoRange from) {
    Objects.requireNonNull(asset, "asset == null");
    return guarded(() -> {
      HttpUrl url = HttpUrl.parse(asset.url().toString());
      if (url == null) {
        throw new IllegalArgumentException("the video URL is not http(s): "
            + dev.vidgen.core.text.SafeText.clean(dev.vidgen.core.text.SafeText.withoutUserInfo(asset.url().toString())));
      }
      // The video as it is: OkHttp would otherwise ask for gzip and inflate it unseen, so that a small body could
      // write gigabytes (a bomb); a video gains nothing from compression on the way.
      Request.Builder request = new Request.Builder().url(url).header("Accept-Encoding", "identity").get();
      if (from != null) {
        request.header("Range", "bytes=" + from.firstByte() + "-");
        if (!from.validator().isEmpty() && !from.validator().startsWith("W/")) {
          request.header("If-Range", from.validator()); // a weak ETag may not be used there
        }
      }
      return calls.stream(clients.files, request.build(), new CallTrace(), CallContext.of(Operation.DOWNLOAD));
    });
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    Objects.requireNonNull(request, "request == null");
    return new RequestPreview("POST", config.httpBaseUrl().resolve(CREATE_PATH).toString(),
        ApiHeaders.preview(config.apiKey()), CreateBody.json(request));
  }

  @Override
  public CompletableFuture<Balance> balance() {
    return guarded(() -> {
      CallTrace trace = new CallTrace();
      CallContext context = CallContext.of(Operation.READ);
      return calls.send(api.balance(authorization, trace), trace, context,
          (body, status, headers) -> balanceOf(context, body, status, headers));
    });
  }

  /** The limits of the configured {@link ToApisConfig#rateTier() rate tier}. */
  @Override
  public Optional<RateLimits> rateLimits() {
    return Optional.of(config.rateTier().limits());
  }

  /** ToAPIs keeps result links (and thumbnails) 24 hours ({@code expires_at}); after that the task must run again. */
  @Override
  public Optional<Duration> keepsResultsFor() {
    return Optional.of(RESULT_LIFETIME);
  }

  /** Issue 11: {@code GET /v1/models?type=video} (without {@code type} the list holds text models). */
  @Override
  public CompletableFuture<Set<String>> liveModels() {
    return guarded(() -> {
      CallTrace trace = new CallTrace();
      CallContext context = CallContext.of(Operation.READ);
      return calls.send(api.models("video", authorization, trace), trace, context, (body, status, headers) -> {
        if (Boolean.FALSE.equals(body.success())) {
          throw errors.accountRefused(context, status, headers, "the model list", body.message());
        }
        return AccountAnswers.modelIds(body);
      });
    });
  }

  /**
   * Issue 11: the key's ({@code GET /v1/balance}) and the account's ({@code GET /v1/user/balance})
   * balances. When the account's is refused (401, 403 or 404, or {@code success: false}: a key that
   * may not read it, a server without that endpoint) but the key's is read, the key's alone, with no
   * account balance.
   */
  @Override
  public CompletableFuture<Balances> balances() {
    CompletableFuture<Balance> key = balance();
    CompletableFuture<Optional<Balance>> account = guarded(() -> {
      CallTrace trace = new CallTrace();
      CallContext context = CallContext.of(Operation.READ);
      return calls.send(api.userBalance(authorization, trace), trace, context,
          (body, status, headers) -> balanceOf(context, body, status, headers));
    }).handle((balance, failure) -> {
      if (failure == null) {
        return Optional.of(balance);
      }
      Throwable cause = AsyncFailures.unwrap(failure);
      if (cause instanceof ProviderException refused && (Set.of(200, 401, 403, 404).contains(refused.httpStatus())
          || refused.kind() == FailureKind.AUTHENTICATION)) {
        return Optional.empty();
      }
      throw new CompletionException(cause);
    });
    return key.thenCombine(account, (keys, accounts) -> new Balances(keys, accounts.orElse(null)));
  }

  /** Issue 11: {@code POST /v1/uploads/videos}, multipart {@code file} (MP4, MOV or WebM, at most 50 MB) and {@code purpose}. */
  @Override
  public CompletableFuture<URI> uploadVideo(Path video) {
    Objects.requireNonNull(video, "video == null");
    return guarded(() -> {
      long size = readableSize(video);
      if (size > VideoFormats.MAX_BYTES) {
        throw new IllegalArgumentException("video " + video + " is " + size
            + " bytes; ToAPIs takes videos of at most 50 MB (52428800 bytes)");
      }
      String format = VideoFormats.format(head(video));
      if (format == null) {
        throw new IllegalArgumentException("video " + video + " is not an MP4, MOV or WebM file by its content");
      }
      MultipartBody.Part file = MultipartBody.Part.createFormData(
          "file", UploadFileNames.of(video.getFileName().toString(), format, "video"),
          RequestBody.create(video.toFile(), MediaType.get(VideoFormats.mimeType(format))));
      CallTrace trace = new CallTrace();
      CallContext context = CallContext.of(Operation.UPLOAD);
      return calls.send(uploads.uploadVideo(file, RequestBody.create("generation", TEXT), authorization, trace), trace, context,
          (body, status, headers) -> uploadedUrl(context, body, status, headers));
    });
  }

  /** Issue 11: {@code POST /v1/videos/{id}/extend} or {@code /remix} with {@code model}, {@code prompt}, {@code size}. */
  @Override
  public CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request) {
    return createFollowOn(request, null);
  }

  /**
   * A follow-on still waiting for a free connection when {@code stopSending} completes is never
   * sent; a null {@code stopSending} never stops it.
   */
  @Override
  public CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request, CompletionStage<?> stopSending) {
    Objects.requireNonNull(request, "request == null");
    return guarded(() -> {
      List<Violation> leaks = KeyInJob.find(request, config.apiKey());
      if (!leaks.isEmpty()) {
        throw new dev.vidgen.core.error.InvalidJobException(
            new dev.vidgen.core.validation.ValidationReport(request.model(), null, leaks));
      }
      CallTrace trace = new CallTrace();
      CallContext context = new CallContext(Operation.CREATE, request.source(), null);
      return calls.send(api.followOn(request.source().value(), request.kind().id(),
              RequestBody.create(Json.write(BrokenBodyText.refusedOrSame(followOnBody(request), request.model())),
                  ApiHeaders.JSON), authorization, trace), trace,
          context, (answer, status, headers) -> created(context, answer, status, headers), stopSending);
    });
  }

  @Override
  public RequestPreview previewFollowOn(FollowOnRequest request) {
    Objects.requireNonNull(request, "request == null");
    HttpUrl url = config.httpBaseUrl().newBuilder()
        .addPathSegments("v1/videos")
        .addPathSegment(request.source().value())
        .addPathSegment(request.kind().id())
        .build();
    return new RequestPreview("POST", url.toString(), ApiHeaders.preview(config.apiKey()),
        Json.write(followOnBody(request)));
  }

  /** A follow-on's JSON body: the request's own fields, then its parameters (a dotted name nested). */
  private static Map<String, Object> followOnBody(FollowOnRequest request) {
    Map<String, Object> body = request.ownFields();
    Map<String, Object> extra = new LinkedHashMap<>();
    request.params().forEach((name, value) -> {
      if (!body.containsKey(name.split("\\.", 2)[0])) {
        extra.put(name, value);
      }
    });
    dev.vidgen.provider.toapis.internal.CreateBody.addParams(body, extra);
    return body;
  }

  @Override
  public void close() {
    closed = true;
    clients.close();
  }

  @Override
  public String toString() {
    // The base URL cannot hold the key (the configuration refuses it); masked all the same.
    String shownUrl = dev.vidgen.core.text.SafeText.mask(config.apiKey().maskIn(config.httpBaseUrl().toString()));
    return "ToApisVideoProvider[" + shownUrl + ", key " + config.apiKey().masked() + "]";
  }

  /** Runs {@code start} unless closed; anything it throws fails the future instead. */
  private <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> start) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the toapis provider is closed"));
    }
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The task a create (extend, remix) answer names, which needs only its id; an explicit {@code success: false}
   * naming no task id is the server's refusal: nothing was made.
   */
  private TaskSnapshot created(CallContext context, TaskDto answer, int status,
      Headers headers) throws UnreadableResponseException {
    if (TaskSnapshots.isRefusal(answer)) {
      throw errors.createRefused(context, status, headers, answer.message());
    }
    return TaskSnapshots.fromCreate(answer, errors::scrub, errors::carriesKey);
  }

  private URI uploadedUrl(CallContext context, UploadDto body, int status, Headers headers)
      throws UnreadableResponseException {
    if (Boolean.FALSE.equals(body.success())) {
      throw errors.refused(context, status, headers, null,
          body.message() == null || body.message().isBlank() ? "the upload was refused" : body.message());
    }
    String url = body.data() == null ? null : body.data().url();
    if (url == null || url.isBlank()) {
      throw new UnreadableResponseException("the upload answer names no data.url");
    }
    if (errors.carriesKey(url)) {
      // The link would go out in the create and on to the model's vendor: the server's doing, not the job's.
      throw UnreadableResponseException.holdingKey("the provider's upload answer held the API key in its data.url (not"
          + " shown): the file was uploaded, but no create was sent with that link, so nothing was billed for a"
          + " video; this is the server's doing, not the job's: check that the base URL (--base-url,"
          + " TOAPIS_BASE_URL) is the API's own address, and if it is, report it to the provider");
    }
    try {
      return ServerUrls.web(url, "the upload answer names a data.url");
    } catch (UnreadableResponseException unusable) {
      // The same answer would come on every try, and each try stores the file again: not sent again.
      throw UnreadableResponseException.unusableLink(unusable.getMessage() + " (\""
          + SafeText.escape(SafeText.clip(url.strip(), 120)) + "\"): the file was uploaded, but no create was sent"
          + " with that link, so nothing was billed for a video; the same answer would come on every try, so the"
          + " upload was not sent again, and trying again later will not help unless the provider changes: check"
          + " that the base URL (--base-url, TOAPIS_BASE_URL) is the API's own address (not a proxy or another"
          + " server), and if it is, report it to the provider", unusable);
    }
  }

  private Balance balanceOf(CallContext context, BalanceDto body, int status, Headers headers)
      throws UnreadableResponseException {
    if (Boolean.FALSE.equals(body.success())) {
      throw errors.accountRefused(context, status, headers, "the balance", body.message());
    }
    return AccountAnswers.balance(body);
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(64);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read file " + file + ": " + e.getMessage(), e);
    }
  }

  private static long readableSize(Path image) {
    if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
      throw new IllegalArgumentException("cannot read file " + image + ": it is missing or not a readable file");
    }
    try {
      return Files.size(image);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read file " + image + ": " + e.getMessage(), e);
    }
  }

  /** The image's type by its content, as validation read it (a JPEG named .png is a JPEG); else by its name. */
  private static MediaType imageType(Path image, String fileName) {
    String format = ImageFormats.format(head(image));
    if (format != null) {
      return MediaType.get(ImageFormats.mimeType(format));
    }
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
      return MediaType.get("image/jpeg");
    }
    if (name.endsWith(".png")) {
      return MediaType.get("image/png");
    }
    if (name.endsWith(".webp")) {
      return MediaType.get("image/webp");
    }
    if (name.endsWith(".gif")) {
      return MediaType.get("image/gif");
    }
    return MediaType.get("application/octet-stream");
  }


  /** The HTTP clients, for tests of the dispatcher. */
  HttpClients httpClients() {
    return clients;
  }
}
