package dev.farcall.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repository's Helm chart driven through helm-java (Helm itself, bundled as a native library):
 * {@code helm lint --strict} and {@code helm template}, the rendered manifests parsed into {@link
 * Manifests}.
 */
final class Chart {

  static final Path DIRECTORY =
      Path.of(System.getProperty("farcall.repository.root", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("helm")
          .resolve("farcall");

  /** The release name every rendering uses. */
  static final String RELEASE = "demo";

  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Chart() {}

  /** {@code helm lint --strict} of the chart with its own values. */
  static LintResult lint() {
    return new Helm(DIRECTORY).lint().strict().call();
  }

  /**
   * {@code helm lint --strict} of the chart with {@code valuesFile} over its values: helm-java's
   * lint takes no values file, so a copy of the chart gets the merged values as its values.yaml.
   */
  static LintResult lint(Path valuesFile) {
    Path copy = copy();
    try {
      ObjectNode values = (ObjectNode) YAML.readTree(DIRECTORY.resolve("values.yaml").toFile());
      merge(values, YAML.readTree(valuesFile.toFile()));
      YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
      return new Helm(copy).lint().strict().call();
    } finally {
      deleteRecursively(copy.getParent());
    }
  }

  /** {@code helm template} with the chart's values and {@code set} ({@code --set key=value}). */
  static Manifests render(Map<String, Object> set) {
    return render(Optional.empty(), set);
  }

  /** {@code helm template -f valuesFile}. */
  static Manifests render(Path valuesFile) {
    return render(Optional.of(valuesFile), Map.of());
  }

  private static Manifests render(Optional<Path> valuesFile, Map<String, Object> set) {
    TemplateCommand template = new Helm(DIRECTORY).template().withName(RELEASE);
    valuesFile.ifPresent(template::withValuesFile);
    set.forEach(template::set);
    return Manifests.parse(template.call());
  }

  /** The names of the example values files under {@code ci/} (chart-testing's convention). */
  static List<Path> exampleValuesFiles() {
    try (Stream<Path> files = Files.list(DIRECTORY.resolve("ci"))) {
      return files.filter(f -> f.toString().endsWith("-values.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deep merge of {@code overlay} into {@code base}, as Helm merges a values file. */
  private static void merge(ObjectNode base, JsonNode overlay) {
    for (Map.Entry<String, JsonNode> e : overlay.properties()) {
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode object && e.getValue().isObject()) {
        merge(object, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  private static Path copy() {
    try {
      Path target = Files.createTempDirectory("farcall-chart-").resolve("farcall");
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(DIRECTORY)) {
        sources = new ArrayList<>(walk.toList());
      }
      for (Path source : sources) {
        Path dest = target.resolve(DIRECTORY.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary copy left behind harms nothing
    }
  }
}
