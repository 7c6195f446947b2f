package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.ProviderSelectionException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test class path lists alpha, beta, a factory whose constructor throws and a class that does
 * not exist; other lists come from a class loader that shows its own services file.
 */
class VideoProvidersTest {
  private static final String SERVICES = "META-INF/services/" + VideoProviderFactory.class.getName();
  private static final ProviderConfig CONFIG = ProviderConfig.builder().baseUrl("http://localhost:1").build();

  @TempDir Path folder;

  private static VideoProviders.Locator locator(Map<String, String> properties, Map<String, String> environment) {
    return new VideoProviders.Locator(properties::get, environment::get, VideoProvidersTest.class.getClassLoader());
  }

  private VideoProviders.Locator listing(Class<?>... factories) throws IOException {
    return new VideoProviders.Locator(name -> null, name -> null, loaderListing(factories));
  }

  /** A class loader whose services file lists {@code factories} only. */
  private ClassLoader loaderListing(Class<?>... factories) throws IOException {
    Path services = folder.resolve("services.txt");
    Files.write(services, java.util.Arrays.stream(factories).map(Class::getName).toList());
    URL listed = services.toUri().toURL();
    ClassLoader loader = new ClassLoader(VideoProvidersTest.class.getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(SERVICES) ? Collections.enumeration(List.of(listed)) : super.getResources(name);
      }
    };
    return loader;
  }

  @Test
  void namesTheChosenProviderAndWhyWithoutCreatingIt() {
    assertThat(locator(Map.of(), Map.of("VIDGEN_PROVIDER", "Beta")).named("alpha", "--provider"))
        .contains(new VideoProviders.Choice("alpha", "--provider"));
    assertThat(locator(Map.of(), Map.of("VIDGEN_PROVIDER", "Beta")).named(null, "--provider"))
        .contains(new VideoProviders.Choice("beta", "named by the environment variable VIDGEN_PROVIDER"));
    assertThat(locator(Map.of(), Map.of()).named(" ", "--provider")).isEmpty();
    assertThat(VideoProviders.named(null, null, name -> null)).isEmpty();
  }

  @Test
  void aMistypedIdGetsADidYouMean() {
    assertThatThrownBy(() -> locator(Map.of(), Map.of()).named("alpah", "--provider"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("'alpah' (--provider)")
        .hasMessageContaining("did you mean alpha?");
    assertThatThrownBy(() -> locator(Map.of(), Map.of()).named("zzzzzzzz", "--provider"))
        .isInstanceOf(ProviderSelectionException.class)
        .message().doesNotContain("did you mean");
  }

  @Test
  void loadsAProviderByIdWithItsConfiguration() {
    VideoProvider provider = VideoProviders.load("alpha", CONFIG);

    assertThat(provider.id()).isEqualTo("alpha");
    assertThat(((TestProvider) provider).config()).isEqualTo(CONFIG);
  }

  @Test
  void matchesIdsWithoutRegardToCaseOrSurroundingSpace() {
    assertThat(VideoProviders.load(" ALPHA ", CONFIG).id()).isEqualTo("alpha");
  }

  @Test
  void anUnknownIdNamesTheIdsFoundAndEveryFactoryThatFailedToLoad() {
    assertThatThrownBy(() -> VideoProviders.load("gamma", CONFIG))
        .isInstanceOfSatisfying(ProviderSelectionException.class,
            e -> assertThat(e.availableIds()).containsExactly("alpha", "beta"))
        .hasMessageContaining("no video provider with id 'gamma'")
        .hasMessageContaining("found: alpha, beta")
        .hasMessageContaining("BrokenTestFactory")
        .hasMessageContaining("needs a library that is not on the class path")
        .hasMessageContaining("MissingTestFactory")
        .hasMessageContaining("docs/errors.md#provider-selection");
  }

  @Test
  void listsTheIdsThatLoadSorted() {
    assertThat(VideoProviders.availableIds()).containsExactly("alpha", "beta");
  }

  @Test
  void severalProvidersWithoutAChoiceIsAnErrorSayingHowToChoose() {
    assertThatThrownBy(() -> locator(Map.of(), Map.of()).choose(null))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("several video providers found (alpha, beta)")
        .hasMessageContaining("-Dvidgen.provider=ID")
        .hasMessageContaining("VIDGEN_PROVIDER=ID");
  }

  @Test
  void anExplicitIdWinsOverThePropertyAndTheEnvironment() {
    VideoProviders.Locator locator =
        locator(Map.of("vidgen.provider", "beta"), Map.of("VIDGEN_PROVIDER", "beta"));

    assertThat(locator.choose("alpha").id()).isEqualTo("alpha");
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironment() {
    VideoProviders.Locator locator =
        locator(Map.of("vidgen.provider", "beta"), Map.of("VIDGEN_PROVIDER", "alpha"));

    assertThat(locator.choose(null).id()).isEqualTo("beta");
  }

  @Test
  void theEnvironmentIsUsedWhenNothingElseChooses() {
    VideoProviders.Locator locator = locator(Map.of("vidgen.provider", "  "), Map.of("VIDGEN_PROVIDER", "beta"));

    assertThat(locator.choose(" ").id()).isEqualTo("beta");
  }

  @Test
  void anUnknownIdFromTheEnvironmentSaysWhereItCameFrom() {
    assertThatThrownBy(() -> locator(Map.of(), Map.of("VIDGEN_PROVIDER", "toapis")).choose(null))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("'toapis'")
        .hasMessageContaining("environment variable VIDGEN_PROVIDER");
  }

  @Test
  void theOnlyProviderOnTheClassPathIsChosen() throws IOException {
    assertThat(listing(BetaTestFactory.class).choose(null).id()).isEqualTo("beta");
  }

  @Test
  void noProviderIsAnErrorThatReportsTheFactoryThatFailed() throws IOException {
    assertThatThrownBy(() -> listing(BrokenTestFactory.class).choose(null))
        .isInstanceOfSatisfying(ProviderSelectionException.class, e -> {
          assertThat(e.availableIds()).isEmpty();
          assertThat(e.getCause()).isNotNull();
        })
        .hasMessageContaining("no video provider found on the class path")
        .hasMessageContaining("BrokenTestFactory");
  }

  @Test
  void aFactoryThatFailedBesideTheOnlyOneThatLoadedIsNotSkippedWithoutAChoice() throws IOException {
    assertThatThrownBy(() -> listing(BetaTestFactory.class, BrokenTestFactory.class).choose(null))
        .isInstanceOfSatisfying(ProviderSelectionException.class, e -> {
          assertThat(e.availableIds()).containsExactly("beta");
          assertThat(e.getCause()).isNotNull();
        })
        .hasMessageContaining("BrokenTestFactory")
        .hasMessageContaining("needs a library that is not on the class path")
        .hasMessageContaining("does not guess")
        .hasMessageContaining("choose one explicitly with VidgenClient.builder().provider(id, config) (under Guice,"
            + " VidgenModule.discover(id, config)), -Dvidgen.provider=ID or VIDGEN_PROVIDER=ID");
  }

  @Test
  void aChoiceStillTakesTheFactoryItNamesBesideOneThatFailed() throws IOException {
    assertThat(listing(BetaTestFactory.class, BrokenTestFactory.class).choose("beta").id()).isEqualTo("beta");
  }

  @Test
  void aFactoryWhoseIdIsNotALowerCaseIdFailsToLoadSayingWhatIsAllowed() throws IOException {
    assertThatThrownBy(() -> listing(BetaTestFactory.class, UpperCaseTestFactory.class).choose("gamma"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("no video provider with id 'gamma'")
        .hasMessageContaining("UpperCaseTestFactory failed: its id() 'Gamma' is not lower case; a provider id is"
            + " lower-case letters, digits, '.', '_' and '-'");
  }

  @Test
  void twoFactoriesClaimingOneIdAreNamed() throws IOException {
    assertThatThrownBy(() -> listing(AlphaTestFactory.class, AlphaTwinTestFactory.class).choose("alpha"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("AlphaTestFactory")
        .hasMessageContaining("AlphaTwinTestFactory");
  }

  @Test
  void withoutAChoiceAnIdClaimedTwiceIsSaidAtOnce() throws IOException {
    assertThatThrownBy(() -> listing(AlphaTestFactory.class, AlphaTwinTestFactory.class, BetaTestFactory.class)
        .choose(null))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("several video providers found (alpha, beta)")
        .hasMessageContaining("the id alpha is claimed by several factories, so choosing it fails");
    assertThatThrownBy(() -> listing(AlphaTestFactory.class, AlphaTwinTestFactory.class).choose(null))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("several factories claim the provider id 'alpha'")
        .hasMessageContaining("AlphaTwinTestFactory");
  }

  @Test
  void createAsksTheFactoryAndRefusesANullProvider() {
    assertThat(VideoProviders.create(new AlphaTestFactory(), CONFIG).id()).isEqualTo("alpha");

    VideoProviderFactory careless = factory("careless", config -> null);
    assertThatThrownBy(() -> VideoProviders.create(careless, CONFIG)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFactoryWhoseProviderGivesAnotherIdIsRefusedNamingBothAndItsProviderClosed() {
    TestProvider other = new TestProvider("alpha", CONFIG);
    VideoProviderFactory mismatched = factory("mm", config -> other);

    assertThatThrownBy(() -> VideoProviders.create(mismatched, CONFIG))
        .isInstanceOfSatisfying(ProviderSelectionException.class,
            e -> assertThat(e.availableIds()).as("no id to choose: mm again is the same provider").isEmpty())
        .hasMessageContaining("the provider factory mm (")
        .hasMessageContaining("made a provider whose id() is 'alpha', not 'mm'")
        .hasMessageContaining("a provider's id must be its factory's");
    assertThat(other.isClosed()).as("the provider made and refused is closed").isTrue();

    VideoProviderFactory nameless = factory("mm", config -> new TestProvider(null, CONFIG));
    assertThatThrownBy(() -> VideoProviders.create(nameless, CONFIG))
        .hasMessageContaining("made a provider whose id() is null, not 'mm'");
  }

  @Test
  void aFactoryOnTheClassPathWhoseProviderGivesAnotherIdIsRefusedWhenAClientLoadsIt() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loaderListing(MismatchedTestFactory.class, BetaTestFactory.class));
    try {
      assertThatThrownBy(() -> VidgenClient.builder().provider("mm", CONFIG).build())
          .isInstanceOf(ProviderSelectionException.class)
          .hasMessageContaining("the provider factory mm (" + MismatchedTestFactory.class.getName() + ")")
          .hasMessageContaining("made a provider whose id() is 'alpha', not 'mm'");
      try (VidgenClient beside = VidgenClient.builder().provider("beta", CONFIG).build()) {
        assertThat(beside.provider().id()).as("a well-made factory beside it still loads").isEqualTo("beta");
      }
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** A factory {@code id} that makes its provider with {@code create}. */
  private static VideoProviderFactory factory(String id, java.util.function.Function<ProviderConfig, VideoProvider> create) {
    return new VideoProviderFactory() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public VideoProvider create(ProviderConfig config) {
        return create.apply(config);
      }
    };
  }

  @Test
  void aFactoryWhoseLibrariesAreMissingIsASelectionErrorShapedAsTheOtherFactoryFaults() {
    VideoProviderFactory halfInstalled = factory("half", config -> {
      throw new NoClassDefFoundError("okhttp3/HttpUrl");
    });

    assertThatThrownBy(() -> VideoProviders.create(halfInstalled, CONFIG))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("the provider factory half (" + halfInstalled.getClass().getName() + ") failed to make"
            + " its provider: its create(config) threw java.lang.NoClassDefFoundError: okhttp3/HttpUrl")
        .hasMessageContaining("a jar it depends on is most likely not on the class path, or its jar was built for"
            + " another vidgen version")
        .hasMessageContaining("a fault of that provider's jar")
        .hasMessageContaining("put the jars it depends on on the class path, rebuild it against this vidgen version")
        .hasMessageNotContaining("a class it needs is missing (")
        .hasCauseInstanceOf(NoClassDefFoundError.class)
        .satisfies(e -> assertThat(((ProviderSelectionException) e).availableIds())
            .as("choosing it again meets the same factory").isEmpty());
  }

  @Test
  void theJvmsFullStopEndingAFactorysLinkageErrorIsNotFollowedByTheSentencesComma() {
    VideoProviderFactory oldSpi = factory("old", config -> {
      throw new AbstractMethodError("Receiver class com.example.Old does not define or inherit an implementation of"
          + " 'create()' of interface dev.vidgen.core.port.VideoProviderFactory.");
    });

    assertThatThrownBy(() -> VideoProviders.create(oldSpi, CONFIG))
        .hasMessageContaining("of interface dev.vidgen.core.port.VideoProviderFactory, a class or method it needs")
        .hasMessageNotContaining(".,");
  }

  @Test
  void aFactoryWhoseCreateThrowsIsASelectionErrorNamingItsIdAndClassAsItsJarsFault() throws IOException {
    ProviderConfig keyed = ProviderConfig.builder().apiKey(ApiKey.of("sk-boomc-secret-0123456789")).build();
    VideoProviderFactory leaking = factory("leaky", config -> {
      throw new IllegalArgumentException("cannot use sk-boomc-secret-0123456789");
    });

    assertThatThrownBy(() -> VideoProviders.create(new ThrowingCreateTestFactory(), CONFIG))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("the provider factory boomc (" + ThrowingCreateTestFactory.class.getName() + ")")
        .hasMessageContaining("its create(config) threw java.lang.IllegalStateException: boomc create failed (test)")
        .hasMessageContaining("a fault of that provider's jar")
        .hasCauseInstanceOf(IllegalStateException.class)
        .satisfies(e -> assertThat(((ProviderSelectionException) e).availableIds())
            .as("choosing it again meets the same factory").isEmpty());
    assertThatThrownBy(() -> VideoProviders.create(leaking, keyed)).isInstanceOf(ProviderSelectionException.class)
        .hasMessageNotContaining("sk-boomc-secret-0123456789");
  }

  @Test
  void aClientClosesTheProviderItLoadedButNotOneItWasGiven() {
    VidgenClient loading = VidgenClient.builder().provider("alpha", CONFIG).build();
    TestProvider loaded = (TestProvider) loading.provider();
    TestProvider given = new TestProvider("given", CONFIG);
    VidgenClient borrowing = VidgenClient.builder().provider(given).build();

    loading.close();
    borrowing.close();

    assertThat(loaded.isClosed()).isTrue();
    assertThat(given.isClosed()).isFalse();
  }
}
