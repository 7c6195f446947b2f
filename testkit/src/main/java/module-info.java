/**
 * Testing vidgen code: provider and journal contract tests, the fake ToAPIs server, AssertJ
 * assertions, fixtures and virtual time.
 */
@SuppressWarnings("requires-automatic")
module dev.vidgen.testkit {
  requires transitive dev.vidgen.core;
  requires transitive dev.vidgen.batch;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires transitive org.assertj.core;
  requires mockwebserver3;
  requires okhttp3;
  requires okio; // an automatic module with a stable name
  requires java.desktop;
  requires java.logging;

  exports dev.vidgen.testkit;
  exports dev.vidgen.testkit.assertj;
  exports dev.vidgen.testkit.fixtures;
  exports dev.vidgen.testkit.time;
  exports dev.vidgen.testkit.toapis;

  // JUnit fills the contracts' @TempDir fields and calls their package-private test methods.
  opens dev.vidgen.testkit to org.junit.platform.commons;
}
