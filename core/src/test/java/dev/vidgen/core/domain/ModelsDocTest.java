package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/models.md and the built-in catalog cannot drift apart: the table between the markers must
 * be exactly what the catalog renders to. Run with {@code -Dvidgen.updateDocs=true} to rewrite the
 * table after changing a route.
 */
class ModelsDocTest {
  static final String BEGIN = "<!-- models:begin (generated from RouteCatalog.builtIn(); see ModelsDocTest) -->";
  static final String END = "<!-- models:end -->";

  @Test
  void theModelsTableMatchesTheCatalog() throws IOException {
    Path doc = DocFiles.find("docs/models.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("docs/models.md has the line %s", BEGIN).isNotNegative();
    assertThat(end).as("docs/models.md has the line %s", END).isGreaterThan(begin);
    String expected = render(RouteCatalog.builtIn());
    String actual = text.substring(begin + BEGIN.length(), end).strip() + "\n";

    if (Boolean.getBoolean("vidgen.updateDocs") && !actual.equals(expected)) {
      Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + expected + text.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual)
        .as("docs/models.md disagrees with RouteCatalog.builtIn(); rerun with -Dvidgen.updateDocs=true")
        .isEqualTo(expected);
  }

  @Test
  void theTableHasOneRowPerRoute() {
    String table = render(RouteCatalog.builtIn());

    assertThat(table.lines().filter(line -> line.startsWith("| `"))).hasSize(RouteCatalog.builtIn().size());
  }

  /** The Markdown table of every route: one row each, in catalog order. */
  static String render(RouteCatalog catalog) {
    StringBuilder table = new StringBuilder();
    table.append("| id | modes | images (videos) per mode | seconds | aspect ratios | resolutions | prompt limit | price | notes |\n");
    table.append("|---|---|---|---|---|---|---|---|---|\n");
    for (ModelRoute route : catalog.routes()) {
      List<String> cells = List.of(
          "`" + route.id() + "`" + route.aliases().stream().map(alias -> " (also `" + alias + "`)")
              .collect(java.util.stream.Collectors.joining()),
          modes(route),
          inputs(route),
          seconds(route.durations()),
          choices(route.aspectRatios(), route.defaultAspectRatio()),
          choices(route.resolutions(), route.defaultResolution()),
          route.promptLimit().map(Object::toString).orElse("–"),
          price(route.price()),
          notes(route));
      table.append("| ").append(String.join(" | ", cells.stream().map(ModelsDocTest::escape).toList())).append(" |\n");
    }
    return table.toString();
  }

  private static String modes(ModelRoute route) {
    List<String> ids = new ArrayList<>();
    route.modes().forEach(mode -> ids.add(mode.id()));
    return String.join(", ", ids);
  }

  private static String inputs(ModelRoute route) {
    List<String> parts = new ArrayList<>();
    for (GenerationMode mode : route.modes()) {
      IntRange images = route.imagesFor(mode);
      IntRange videos = route.videosFor(mode);
      if (images.max() == 0 && videos.max() == 0) {
        continue;
      }
      String text = mode.id() + ": " + images;
      if (videos.max() > 0) {
        text += " (" + videos + ")";
      }
      parts.add(text);
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  private static String seconds(DurationRule rule) {
    String values = rule.range() != null
        ? rule.min() + "–" + rule.max()
        : String.join(", ", rule.values().stream().map(String::valueOf).toList());
    return values + " (default " + rule.defaultSeconds() + ")"
        + (rule.automatic().isEmpty() ? "" : "; " + rule.describeAutomatic() + ": automatic length");
  }

  private static String choices(List<String> offered, String defaultValue) {
    if (offered.isEmpty()) {
      return "–";
    }
    List<String> shown = new ArrayList<>();
    for (String value : offered) {
      shown.add(value.equals(defaultValue) ? "**" + value + "**" : value);
    }
    return String.join(", ", shown);
  }

  private static String price(PriceTable price) {
    if (price instanceof PriceTable.PerRequest perRequest) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<Integer, BigDecimal> entry : perRequest.usdBySeconds().entrySet()) {
        parts.add("$" + entry.getValue().toPlainString() + " (" + entry.getKey() + " s)");
      }
      return String.join(", ", parts) + " per request";
    }
    if (price instanceof PriceTable.PerSecond perSecond) {
      return "$" + perSecond.usdPerSecond().toPlainString() + " per second";
    }
    if (price instanceof PriceTable.ByResolution byResolution) {
      List<String> parts = new ArrayList<>();
      byResolution.byResolution().forEach((resolution, table) -> parts.add(resolution + ": " + price(table)));
      return String.join("; ", parts);
    }
    return "unknown: " + ((PriceTable.Unknown) price).reason();
  }

  private static String notes(ModelRoute route) {
    List<String> notes = new ArrayList<>();
    route.retired().ifPresent(retired -> notes.add("**Retired on " + retired.on() + "**: " + retired.note()
        + (retired.instead().isEmpty() ? "" : "; choose " + String.join(", ", retired.instead()) + " instead")
        + " (sent only with retired routes allowed)."));
    route.assumed().forEach((limit, why) -> notes.add("Assumed " + limit + ": " + why + "."));
    route.sourceNote().ifPresent(notes::add);
    for (RouteRule rule : route.rules()) {
      notes.add("Rule: " + rule.reason() + ".");
    }
    return notes.isEmpty() ? "" : String.join(" ", notes);
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
