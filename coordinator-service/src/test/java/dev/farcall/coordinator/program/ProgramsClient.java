package dev.farcall.coordinator.program;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Calls {@code /api/v1/programs} for tests; answers are returned whatever their status. */
public final class ProgramsClient {

  private final RestClient client;

  public ProgramsClient(RestClient client) {
    this.client = client;
  }

  /** Uploads {@code jar} as the multipart part {@code file}, with an optional {@code name}. */
  public ResponseEntity<JsonNode> upload(byte[] jar, String fileName, String name) {
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(MediaType.parseMediaType("application/java-archive"));
    ByteArrayResource file =
        new ByteArrayResource(jar) {
          @Override
          public String getFilename() {
            return fileName;
          }
        };
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new HttpEntity<>(file, fileHeaders));
    if (name != null) {
      form.add("name", name);
    }
    return client
        .post()
        .uri("/api/v1/programs")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(form)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  public ResponseEntity<JsonNode> upload(byte[] jar) {
    return upload(jar, "program.jar", null);
  }

  public ResponseEntity<JsonNode> list() {
    return client.get().uri("/api/v1/programs").retrieve().toEntity(JsonNode.class);
  }

  public ResponseEntity<JsonNode> show(String id) {
    return client.get().uri("/api/v1/programs/{id}", id).retrieve().toEntity(JsonNode.class);
  }

  public ResponseEntity<JsonNode> delete(String id) {
    return client.delete().uri("/api/v1/programs/{id}", id).retrieve().toEntity(JsonNode.class);
  }

  public ResponseEntity<byte[]> jar(String id, String ifNoneMatch) {
    RestClient.RequestHeadersSpec<?> request = client.get().uri("/api/v1/programs/{id}/jar", id);
    if (ifNoneMatch != null) {
      request = request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
    }
    return request.retrieve().toEntity(byte[].class);
  }
}
