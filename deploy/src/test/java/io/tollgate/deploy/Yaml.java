package io.tollgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the manifests: multi-document YAML files into JSON trees. */
final class Yaml {

  static final ObjectMapper MAPPER = new YAMLMapper();

  private Yaml() {}

  /** Every non-empty document of a file, in order. */
  static List<JsonNode> documents(Path file) {
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      var values = MAPPER.readValues(parser, JsonNode.class);
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The Kubernetes objects of a file. */
  static List<ObjectNode> objects(Path file) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode document : documents(file)) {
      if (!(document instanceof ObjectNode object) || !object.hasNonNull("kind")) {
        throw new IllegalArgumentException(file + " holds a document that is no Kubernetes object");
      }
      objects.add(object);
    }
    return objects;
  }

  /** A file of exactly one document. */
  static JsonNode single(Path file) {
    List<JsonNode> documents = documents(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(file + " holds " + documents.size() + " documents, not 1");
    }
    return documents.get(0);
  }

  /** The text at a path of names, or null. */
  static String text(JsonNode node, String... path) {
    JsonNode at = at(node, path);
    return at.isMissingNode() || at.isNull() ? null : at.asText();
  }

  static JsonNode at(JsonNode node, String... path) {
    JsonNode at = node;
    for (String name : path) {
      at = at.path(name);
    }
    return at;
  }
}
