package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ProviderConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MockProviderFactoryTest {
  private final MockProviderFactory factory = new MockProviderFactory();

  @Test
  void readsDurationSeedAndCredits() {
    MockVideoProvider mock = factory.create(ProviderConfig.builder()
        .set("mock.duration", "45s").set("mock.seed", "12").set("mock.credits", "100")
        .baseUrl("https://ignored.example.com").build());

    assertThat(mock.duration()).isEqualTo(Duration.ofSeconds(45));
    assertThat(mock.balance().join().remaining()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("100"));
  }

  @Test
  void defaultsSuitADemo() {
    MockVideoProvider mock = factory.create(ProviderConfig.empty());

    assertThat(mock.duration()).isEqualTo(MockVideoProvider.DEFAULT_DURATION).isEqualTo(Duration.ofSeconds(3));
    assertThat(mock.balance().join().unlimited()).isTrue();
    assertThat(mock.id()).isEqualTo("mock").isEqualTo(factory.id());
  }

  @Test
  void refusesUnknownMockSettingsNamingTheKnownOnes() {
    ProviderConfig typo = ProviderConfig.builder().set("mock.durration", "5s").build();

    assertThatThrownBy(() -> factory.create(typo))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("mock.durration")
        .hasMessageContaining("mock.duration");
  }

  @Test
  void refusesUnreadableValuesSayingWhatIsAllowed() {
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.duration", "soon").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("mock.duration must be a duration");
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.seed", "1.5").build()))
        .hasMessageContaining("mock.seed must be a whole number, was 1.5");
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.credits", "-1").build()))
        .hasMessageContaining("mock.credits must be a non-negative number, was -1");
  }

  @Test
  void digitsOfOtherScriptsAreRefusedNamingTheSettingAndTheAsciiDigitsToGive() {
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.seed", "６").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("mock.seed must be a whole number, was ６; give ASCII digits 0-9 such as 6, not"
            + " full-width or other scripts' digits");
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.credits", "١٠٠").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("mock.credits must be a non-negative number, was ١٠٠; give ASCII digits 0-9 such as"
            + " 100, not full-width or other scripts' digits");
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.credits", "１２.５").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("mock.credits", "was １２.５; give ASCII digits 0-9 such as 12.5,");
    assertThat(factory.create(ProviderConfig.builder().set("mock.credits", " 12.5 ").build()).balance().join()
        .remaining()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("12.5"));
  }

  @Test
  void namesItselfAndItsIdWhenPrinted() {
    assertThat(factory).hasToString("MockProviderFactory[mock]");
  }

  @Test
  void aMockMadeFromSettingsSaysNoSettingGivesItALiveListWhereABuiltOneNamesItsBuilderMethod() {
    MockVideoProvider fromSettings = new MockProviderFactory().create(ProviderConfig.builder().build());
    MockVideoProvider built = MockVideoProvider.builder().build();

    assertThat(fromSettings.liveModels()).failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOf(UnsupportedOperationException.class)
        .withMessage("the mock made from its settings lists no live models: no setting gives it a list");
    assertThat(built.liveModels()).failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().withMessageContaining("(MockVideoProvider.Builder.liveModels)");
  }
}
