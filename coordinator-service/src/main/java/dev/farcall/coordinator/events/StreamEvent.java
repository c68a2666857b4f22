package dev.farcall.coordinator.events;

import java.util.Optional;

/**
 * One event of the stream, its data already JSON so that it is serialised once for every client.
 *
 * @param sequence its place in this coordinator's stream (1, 2, ...)
 * @param id what clients see and send back as {@code Last-Event-ID}: {@code <epoch>-<sequence>}
 * @param type e.g. {@code run.output}
 * @param programId the program it concerns, or {@code null}
 * @param runId the run it concerns, or {@code null}
 * @param data the JSON document
 */
record StreamEvent(
    long sequence, String id, String type, String programId, String runId, String data) {

  /** About what the event holds in memory, for the byte bounds: its JSON and its id and type. */
  long size() {
    return data.length() + id.length() + type.length() + 64L;
  }

  Optional<String> program() {
    return Optional.ofNullable(programId);
  }

  Optional<String> run() {
    return Optional.ofNullable(runId);
  }
}
