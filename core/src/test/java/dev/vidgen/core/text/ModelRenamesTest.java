package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule by which a listed id the catalog lacks is offered as a known model under a new name (an alias). */
class ModelRenamesTest {
  @ParameterizedTest(name = "{1} may be {0} renamed: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      veo3.1-fast | veo3.1-fast-v2        | true
      seedance-2  | seedance-2.0          | true
      kling-v3    | kling-v3-2            | false
      kling-v3    | kling-v3-20260101     | true
      kling-v3    | kling-v3-2026-01-01   | true
      kling-v3    | kling-v3-preview      | true
      kling-v3    | kling-v3-latest       | true
      kling-v3    | Kling_V3              | true
      kling-v3    | klingv3               | true
      veo3.1-fast-preview | veo3.1-fast   | true
      kling-v3    | kling-v3-omni         | false
      sora-2      | sora-2-pro            | false
      seedance-2  | seedance-2-fast       | false
      seedance-2  | seedance-2-mini       | false
      viduq3      | viduq3-turbo          | false
      kling-v3    | kling-v3-omni-preview | false
      sora-2      | sora-25               | false
      kling-v3    | kling-v2              | false
      wan2.6      | wan2.6-flash          | false
      kling-v3-20260101 | kling-v3        | true
      grok-video-1.5 | grok-video-1       | false
      kling-v2-6  | kling-v2              | false
      wan2.6      | wan2                  | false
      wan2.6      | wan2.6.1              | false
      MiniMax-Hailuo-2.3 | MiniMax-Hailuo-2 | false
      veo3        | veo3-1                | false
      kling-v2    | kling-v2-6            | false
      sora-2      | sora-2.5              | false
      """)
  void onlyACaseSeparatorRevisionDateOrStageDifferenceIsARenameNeverAnotherVersion(String known, String listed, boolean renamed) {
    assertThat(ModelRenames.plausible(known, listed)).isEqualTo(renamed);
  }
}
