package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The poms carry what Maven Central asks of every published artifact: name, description, URL,
 * licence, developers and SCM (inherited from the parent or, for the BOM, its own), and the
 * release profile that attaches sources and javadoc. CI also builds that profile.
 */
class ReleaseMetadataTest {
  private static final List<String> NOT_PUBLISHED = List.of("integration-tests", "benchmarks");

  @Test
  void theParentCarriesTheReleaseMetadataAndProfile() throws Exception {
    Element parent = read(root().resolve("pom.xml"));

    assertThat(text(parent, "url")).startsWith("https://");
    assertThat(text(parent, "licenses")).contains("Apache License, Version 2.0");
    assertThat(text(parent, "developers")).isNotBlank();
    assertThat(text(parent, "scm")).contains("scm:git:");
    String release = profile(parent, "release");
    assertThat(release).contains("maven-source-plugin", "jar-no-fork", "maven-javadoc-plugin", "maven-gpg-plugin");
    assertThat(Files.readString(root().resolve("LICENSE"))).contains("Apache License", "Version 2.0");
  }

  @Test
  void everyPublishedModuleHasANameADescriptionAndIsInTheBom() throws Exception {
    Element parent = read(root().resolve("pom.xml"));
    String bom = Files.readString(root().resolve("bom/pom.xml"));
    List<String> modules = children(parent, "modules");
    assertThat(modules).contains("bom", "core");
    for (String module : modules) {
      Element pom = read(root().resolve(module).resolve("pom.xml"));
      String artifact = text(pom, "artifactId");
      assertThat(text(pom, "name")).as(module + " <name>").isNotBlank();
      assertThat(text(pom, "description")).as(module + " <description>").isNotBlank();
      if (!NOT_PUBLISHED.contains(module) && !module.equals("bom")) {
        assertThat(bom).as("the BOM lists " + artifact).contains("<artifactId>" + artifact + "</artifactId>");
      }
      if (NOT_PUBLISHED.contains(module)) {
        assertThat(text(pom, "properties")).as(module + " is never deployed").contains("true");
      }
    }
  }

  @Test
  void theBomStandsAloneWithTheParentsVersionAndItsOwnMetadata() throws Exception {
    Element parent = read(root().resolve("pom.xml"));
    Element bom = read(root().resolve("bom/pom.xml"));

    assertThat(child(bom, "parent")).as("the BOM must not inherit the build's third-party versions").isNull();
    assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
    assertThat(text(bom, "licenses")).contains("Apache License, Version 2.0");
    assertThat(text(bom, "scm")).contains("scm:git:");
    assertThat(text(bom, "developers")).isNotBlank();
    for (String plugin : List.of("maven-install-plugin", "maven-deploy-plugin")) {
      assertThat(pluginVersion(bom, plugin)).as("the BOM pins " + plugin + " as the parent does, so that"
          + " installing it never falls back to Maven's old default").isNotEmpty()
          .isEqualTo(pluginVersion(parent, plugin));
    }
  }

  /**
   * An app that imports only vidgen-bom has none of the parent's third-party management, so the
   * published POMs themselves must bring the HTTP stack the build tests with: OkHttp 5 alone (not
   * Retrofit's OkHttp 4 beside it), and Okio and Kotlin's library at the build's versions (not
   * Moshi's older ones, on which OkHttp 5 fails).
   */
  @Test
  void anAppThatImportsOnlyTheBomGetsTheHttpStackTheBuildRunsOn() throws Exception {
    Element toapis = read(root().resolve("provider-toapis/pom.xml"));
    List<Element> retrofit = dependencies(toapis).stream()
        .filter(dependency -> text(dependency, "groupId").equals("com.squareup.retrofit2")).toList();
    assertThat(retrofit).isNotEmpty();
    for (Element dependency : retrofit) {
      assertThat(exclusionIds(dependency.getElementsByTagName("exclusion")))
          .as(text(dependency, "artifactId") + " leaves out OkHttp 4").contains("com.squareup.okhttp3:okhttp");
    }
    assertThat(dependencies(toapis)).extracting(ReleaseMetadataTest::id).contains("com.squareup.okhttp3:okhttp-jvm");
    assertThat(dependencies(read(root().resolve("core/pom.xml")))).extracting(ReleaseMetadataTest::id)
        .contains("com.squareup.moshi:moshi", "com.squareup.okio:okio-jvm", "org.jetbrains.kotlin:kotlin-stdlib");
  }

  private static List<Element> dependencies(Element project) {
    List<Element> found = new ArrayList<>();
    Element dependencies = child(project, "dependencies");
    NodeList nodes = dependencies == null ? null : dependencies.getChildNodes();
    for (int i = 0; nodes != null && i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element dependency && dependency.getTagName().equals("dependency")) {
        found.add(dependency);
      }
    }
    return found;
  }

  private static String id(Element dependency) {
    return text(dependency, "groupId") + ":" + text(dependency, "artifactId");
  }

  private static List<String> exclusionIds(NodeList exclusions) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < exclusions.getLength(); i++) {
      ids.add(id((Element) exclusions.item(i)));
    }
    return ids;
  }

  /** The version {@code project}'s build (or its plugin management) gives {@code artifactId}, or "". */
  private static String pluginVersion(Element project, String artifactId) {
    Element build = child(project, "build");
    if (build == null) {
      return "";
    }
    NodeList plugins = build.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals(artifactId) && !text(plugin, "version").isEmpty()) {
        return text(plugin, "version");
      }
    }
    return "";
  }

  private static Path root() {
    return DocSnippets.find("bom/pom.xml").getParent().getParent();
  }

  private static Element read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(pom.toFile());
    return document.getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? "" : element.getTextContent().strip();
  }

  private static List<String> children(Element parent, String name) {
    List<String> values = new ArrayList<>();
    Element list = child(parent, name);
    if (list != null) {
      NodeList nodes = list.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element element) {
          values.add(element.getTextContent().strip());
        }
      }
    }
    return values;
  }

  private static String profile(Element project, String id) {
    Element profiles = child(project, "profiles");
    if (profiles == null) {
      return "";
    }
    NodeList nodes = profiles.getElementsByTagName("profile");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element profile = (Element) nodes.item(i);
      if (text(profile, "id").equals(id)) {
        return profile.getTextContent();
      }
    }
    return "";
  }
}
