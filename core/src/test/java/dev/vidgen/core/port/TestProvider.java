package dev.vidgen.core.port;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A provider that only knows its id, its configuration and whether it was closed. */
final class TestProvider implements VideoProvider {
  private final String id;
  private final ProviderConfig config;
  private volatile boolean closed;

  TestProvider(String id, ProviderConfig config) {
    this.id = id;
    this.config = config;
  }

  ProviderConfig config() {
    return config;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CompletableFuture<URI> upload(Path image) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {
    closed = true;
  }
}
