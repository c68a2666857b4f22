package dev.farcall.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/** The Kubernetes objects {@code helm template} rendered, with lookups the chart tests need. */
record Manifests(List<JsonNode> objects) {

  static Manifests parse(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        Chart.YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject() && document.has("kind")) {
          objects.add(document);
        }
      }
    }
    return new Manifests(List.copyOf(objects));
  }

  /** {@code "Kind/name"} of every object, sorted. */
  List<String> kindsAndNames() {
    return objects.stream().map(Manifests::kindAndName).sorted().toList();
  }

  /** The object of that kind and name, if rendered. */
  Optional<JsonNode> find(String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asString().equals(kind))
        .filter(o -> o.path("metadata").path("name").asString().equals(name))
        .findFirst();
  }

  /** The object of that kind and name; fails the test when it was not rendered. */
  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(
            () -> new AssertionError(kind + "/" + name + " not rendered; got " + kindsAndNames()));
  }

  /** The objects of that kind. */
  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> o.path("kind").asString().equals(kind)).toList();
  }

  /** The only container of a Deployment's or StatefulSet's pod template. */
  static JsonNode container(JsonNode workload) {
    JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
    if (containers.size() != 1) {
      throw new AssertionError("expected one container in " + kindAndName(workload));
    }
    return containers.get(0);
  }

  /** A container's environment: name to its {@code value} or {@code valueFrom} node. */
  static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> env = new TreeMap<>();
    for (JsonNode variable : container.path("env")) {
      JsonNode value =
          variable.has("valueFrom") ? variable.get("valueFrom") : variable.get("value");
      env.put(variable.path("name").asString(), value);
    }
    return env;
  }

  /** The labels of a node's {@code metadata}, as strings. */
  static Map<String, String> labels(JsonNode withMetadata) {
    Map<String, String> labels = new TreeMap<>();
    withMetadata
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return labels;
  }

  /** The string entries of an object node (e.g. a selector's {@code matchLabels}). */
  static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    return map;
  }

  static String kindAndName(JsonNode o) {
    return o.path("kind").asString() + "/" + o.path("metadata").path("name").asString();
  }
}
