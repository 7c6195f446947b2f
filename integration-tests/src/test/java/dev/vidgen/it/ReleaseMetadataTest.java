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
