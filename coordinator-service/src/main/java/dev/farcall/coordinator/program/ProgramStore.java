package dev.farcall.coordinator.program;

import dev.farcall.coordinator.system.CoordinatorProperties;
import dev.farcall.coordinator.system.InvalidRequestException;
import dev.farcall.coordinator.system.Paging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Stores programs: validates an upload, writes its jar file, then commits its row. Nothing is kept
 * of an upload that fails. The same bytes uploaded twice yield the one existing program.
 */
@Service
class ProgramStore implements ProgramLookup {

  private static final Logger log = LoggerFactory.getLogger(ProgramStore.class);
  private static final int MAX_NAME_LENGTH = 255;
  private static final String DEFAULT_NAME = "program.jar";

  private final ProgramRepository repository;
  private final ProgramFiles files;
  private final JarInspector inspector;
  private final long maxJarBytes;
  private final ApplicationEventPublisher events;

  /** Serialises the short steps that must agree between the files and the table. */
  private final Object commitLock = new Object();

  private final org.springframework.beans.factory.ObjectProvider<ProgramUsage> usages;

  ProgramStore(
      ProgramRepository repository,
      CoordinatorProperties coordinator,
      ProgramProperties properties,
      ApplicationEventPublisher events,
      org.springframework.beans.factory.ObjectProvider<ProgramUsage> usages) {
    this.repository = repository;
    // Resolved at delete time: the users of programs (runs) depend on the store themselves.
    this.usages = usages;
    this.events = events;
    this.files = new ProgramFiles(coordinator.getDataDir());
    this.inspector = new JarInspector(properties);
    this.maxJarBytes = properties.getMaxJarSize().toBytes();
  }

  /** The outcome of an upload: the program and whether it was created by this upload. */
  record Upload(StoredProgram program, boolean created) {}

  /**
   * Stores the jar read from {@code content} unless the same bytes are stored already.
   *
   * @param requestedName the name asked for, or {@code null}
   * @param fileName the uploaded file's name, or {@code null}
   */
  Upload upload(String requestedName, String fileName, InputStream content) throws IOException {
    String name = nameOf(requestedName, fileName);
    try (ProgramFiles.Received received = files.receive(content, maxJarBytes)) {
      Optional<StoredProgram> existing = repository.findBySha256(received.sha256());
      if (existing.isPresent()) {
        return new Upload(existing.get(), false);
      }
      JarSummary summary = inspector.inspect(received.file());
      StoredProgram program =
          new StoredProgram(
              UUID.randomUUID().toString(),
              name,
              received.sha256(),
              received.size(),
              summary.classCount(),
              summary.entryCount(),
              summary.uncompressedBytes(),
              summary.mainClass(),
              Instant.now().truncatedTo(ChronoUnit.MICROS));
      return commit(received, program);
    }
  }

  private Upload commit(ProgramFiles.Received received, StoredProgram program) throws IOException {
    synchronized (commitLock) {
      Optional<StoredProgram> existing = repository.findBySha256(program.sha256());
      if (existing.isPresent()) {
        return new Upload(existing.get(), false);
      }
      // The file goes first: a row never points at a missing jar.
      files.commit(received);
      try {
        repository.insert(program);
      } catch (DuplicateKeyException e) {
        // Another coordinator sharing the database stored the same bytes; its file is ours.
        return new Upload(repository.findBySha256(program.sha256()).orElseThrow(() -> e), false);
      } catch (RuntimeException e) {
        files.delete(program.sha256());
        throw e;
      }
    }
    log.info(
        "Stored program {} ({}, {} bytes, sha256 {})",
        program.id(),
        program.name(),
        program.sizeBytes(),
        program.sha256());
    events.publishEvent(
        new ProgramStoredEvent(
            new ProgramRef(program.id(), program.name(), program.sha256(), jarOf(program))));
    return new Upload(program, true);
  }

  /** All stored programs, oldest first. */
  List<StoredProgram> list() {
    return repository.findAll();
  }

  /** A page of stored programs, oldest first. */
  Paging.Page<StoredProgram> page(Paging.PageRequest request) {
    return Paging.page(
        repository.page(request.after(), request.probe()),
        request,
        p -> new Paging.Cursor(p.uploadedAt(), p.id()));
  }

  /**
   * The stored program with this id.
   *
   * @throws ProgramNotFoundException if there is none
   */
  StoredProgram get(String id) {
    return repository.findById(id).orElseThrow(() -> new ProgramNotFoundException(id));
  }

  /**
   * Deletes the program and its jar file.
   *
   * @throws ProgramNotFoundException if there is none
   */
  void delete(String id) {
    synchronized (commitLock) {
      StoredProgram program = get(id);
      if (usages.orderedStream().anyMatch(u -> u.inUse(id))) {
        throw new ProgramInUseException(id);
      }
      if (!repository.deleteById(id)) {
        throw new ProgramNotFoundException(id);
      }
      try {
        files.delete(program.sha256());
      } catch (IOException e) {
        // The row is gone, so the program is; the orphan file is swept at the next start.
        log.warn("Could not delete the jar of program {}: {}", id, e.toString());
      }
    }
    log.info("Deleted program {}", id);
    events.publishEvent(new ProgramDeletedEvent(id));
  }

  /** Where the jar of a stored program is. */
  Path jarOf(StoredProgram program) {
    return files.jarPath(program.sha256());
  }

  @Override
  public Optional<ProgramRef> find(String programId) {
    return repository
        .findById(programId)
        .map(p -> new ProgramRef(p.id(), p.name(), p.sha256(), files.jarPath(p.sha256())));
  }

  /** Removes jar files no row refers to, left by a crash between writing a file and its row. */
  @EventListener(ApplicationStartedEvent.class)
  void sweepOrphans() throws IOException {
    synchronized (commitLock) {
      Set<String> known =
          Set.copyOf(repository.findAll().stream().map(StoredProgram::sha256).toList());
      for (String sha256 : files.storedSha256s()) {
        if (!known.contains(sha256)) {
          log.info("Removing orphan jar {}", files.jarPath(sha256));
          files.delete(sha256);
        }
      }
      for (StoredProgram program : repository.findAll()) {
        if (!Files.exists(jarOf(program))) {
          log.warn("The jar of program {} is missing: {}", program.id(), jarOf(program));
        }
      }
    }
  }

  private static String nameOf(String requestedName, String fileName) {
    String name = requestedName;
    if (name == null || name.isBlank()) {
      // Browsers may send a full client-side path; keep only its last segment.
      name =
          fileName == null
              ? ""
              : fileName.substring(fileName.replace('\\', '/').lastIndexOf('/') + 1);
    }
    name = name.strip();
    if (name.isEmpty()) {
      return DEFAULT_NAME;
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidRequestException(
          "name", "The name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("name", "The name contains control characters");
    }
    return name;
  }
}
