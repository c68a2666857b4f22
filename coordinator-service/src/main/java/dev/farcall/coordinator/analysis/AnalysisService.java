package dev.farcall.coordinator.analysis;

import dev.farcall.coordinator.program.AnalysisSummaries;
import dev.farcall.coordinator.program.AnalysisSummary;
import dev.farcall.coordinator.program.ProgramDeletedEvent;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramNotFoundException;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.program.ProgramStoredEvent;
import dev.farcall.coordinator.system.StoredJson;
import dev.farcall.heuristics.analysis.AnalysisOptions;
import dev.farcall.heuristics.analysis.JarAnalyzer;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.heuristics.knowledge.KnowledgeFormatException;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs, persists and serves the analysis of every stored program; see the package documentation.
 */
@Service
public class AnalysisService implements AnalysisSummaries {

  private static final Logger log = LoggerFactory.getLogger(AnalysisService.class);

  /** Name under which a declarations file set over REST appears in reasons and errors. */
  static final String DECLARATIONS_SOURCE = "declarations";

  private final AnalysisRepository repository;
  private final ProgramLookup programs;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;
  private final AnalysisOptions baseOptions;
  private final ThreadPoolExecutor executor;
  private final JarAnalyzer analyzer = new JarAnalyzer();

  /** Models read back, by program, with the generation they belong to. */
  private final Map<String, CachedModel> models = new ConcurrentHashMap<>();

  /** Serialises submissions so generations and declarations change together. */
  private final Object submitLock = new Object();

  private record CachedModel(long generation, ProgramModel model) {}

  AnalysisService(
      AnalysisRepository repository,
      ProgramLookup programs,
      JsonMapper json,
      ApplicationEventPublisher events,
      AnalysisProperties properties) {
    this.repository = repository;
    this.programs = programs;
    // the analysis is stored as JSON; a row of an earlier version lacks newer fields
    this.json = StoredJson.tolerant(json);
    this.events = events;
    this.baseOptions =
        AnalysisOptions.defaults().withAllowNondeterministic(properties.isAllowNondeterministic());
    int threads = Math.max(1, properties.getThreads());
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(1, properties.getQueueCapacity())),
            task -> {
              Thread thread = new Thread(task, "farcall-analysis-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Whether nondeterministic methods may move in this coordinator's analyses. */
  public boolean allowsNondeterministic() {
    return baseOptions.allowNondeterministic();
  }

  /**
   * The analysed model of a program whose analysis is DONE; empty while it is pending, running or
   * failed, or when there is no such program. The seam for the run driver and placement.
   */
  public Optional<ProgramModel> model(String programId) {
    return repository
        .find(programId)
        .filter(row -> row.status() == AnalysisStatus.DONE)
        .flatMap(row -> model(programId, row.generation()));
  }

  /**
   * The model of this generation of the program's analysis, if it is DONE (and still that
   * generation).
   */
  public Optional<ProgramModel> model(String programId, long generation) {
    CachedModel cached = models.get(programId);
    if (cached != null && cached.generation() == generation) {
      return Optional.of(cached.model());
    }
    Optional<ProgramModel> model =
        repository.result(programId, generation).map(text -> ModelJson.read(json, text));
    model.ifPresent(m -> models.put(programId, new CachedModel(generation, m)));
    return model;
  }

  /**
   * The row of the program's analysis.
   *
   * @throws ProgramNotFoundException when there is no such program
   */
  AnalysisRow row(String programId) {
    requireProgram(programId);
    return repository
        .find(programId)
        .orElseGet(
            () ->
                new AnalysisRow(
                    programId, AnalysisStatus.PENDING, 0, null, null, 0, 0, null, null));
  }

  /**
   * The status of the program's analysis and the generation it is at.
   *
   * @throws ProgramNotFoundException when there is no such program
   */
  public AnalysisStatus status(String programId) {
    return row(programId).status();
  }

  /** The generation of the program's current analysis (0 when it has none). */
  public long generation(String programId) {
    return repository.find(programId).map(AnalysisRow::generation).orElse(0L);
  }

  /** Programs whose analysis is DONE. */
  public List<String> analysedPrograms() {
    return repository.done();
  }

  @Override
  public Optional<AnalysisSummary> summaryOf(String programId) {
    return repository
        .find(programId)
        .map(r -> new AnalysisSummary(r.status().name(), r.methodCount(), r.movableCount()));
  }

  /**
   * The declarations file set over REST for the program (empty text when none).
   *
   * @throws ProgramNotFoundException when there is no such program
   */
  String declarations(String programId) {
    String text = row(programId).declarations();
    return text == null ? "" : text;
  }

  /**
   * Validates and stores the program's declarations file and analyses the program again.
   *
   * @throws ProgramNotFoundException when there is no such program
   * @throws InvalidDeclarationsException naming the first bad line; nothing is changed then
   */
  void setDeclarations(String programId, String text) {
    requireProgram(programId);
    String value = text == null ? "" : text;
    Declarations parsed;
    try {
      parsed = Declarations.parse(value, DECLARATIONS_SOURCE);
    } catch (KnowledgeFormatException e) {
      throw new InvalidDeclarationsException(e.line(), e.getMessage());
    }
    ProgramRef program = programs.find(programId).orElseThrow();
    DeclaredClasses.firstUnknown(parsed, program.jarFile())
        .ifPresent(
            unknown -> {
              throw new InvalidDeclarationsException(
                  DeclaredClasses.lineOf(unknown),
                  "Line "
                      + DeclaredClasses.lineOf(unknown)
                      + " names class "
                      + unknown.className()
                      + ", which is neither in the jar, nor in the JDK, nor used by the program");
            });
    submit(programId, true, value.isBlank() ? null : value);
  }

  @EventListener
  void onProgramStored(ProgramStoredEvent event) {
    try {
      submit(event.program().id(), false, null);
    } catch (RuntimeException e) {
      // The upload stands; the next start queues programs without an analysis again.
      log.error("Could not queue the analysis of program {}", event.program().id(), e);
    }
  }

  @EventListener
  void onProgramDeleted(ProgramDeletedEvent event) {
    models.remove(event.programId());
  }

  /** Queues again what a stop interrupted, and programs that never had an analysis. */
  @EventListener(ApplicationReadyEvent.class)
  void resumeUnfinished() {
    for (String programId : repository.unfinished()) {
      log.info("Analysing program {} again: its analysis was interrupted", programId);
      submit(programId, false, null);
    }
    for (String programId : repository.programsWithoutAnalysis()) {
      log.info("Analysing program {}: it has no analysis yet", programId);
      submit(programId, false, null);
    }
  }

  private void submit(String programId, boolean replaceDeclarations, String declarations) {
    long generation;
    synchronized (submitLock) {
      generation = repository.resubmit(programId, replaceDeclarations, declarations);
    }
    try {
      executor.execute(() -> analyse(programId, generation));
    } catch (RejectedExecutionException e) {
      repository.markFailed(
          programId,
          generation,
          "The analysis queue is full (farcall.analysis.queue-capacity); set the declarations"
              + " again to retry",
          null);
    }
  }

  private void analyse(String programId, long generation) {
    if (!repository.markRunning(programId, generation)) {
      return; // superseded by a newer submission, or the program was deleted
    }
    long start = System.nanoTime();
    try {
      ProgramRef program =
          programs.find(programId).orElseThrow(() -> new ProgramNotFoundException(programId));
      String declarationsText =
          repository.find(programId).map(AnalysisRow::declarations).orElse(null);
      Declarations declarations =
          declarationsText == null
              ? Declarations.none()
              : Declarations.parse(declarationsText, DECLARATIONS_SOURCE);
      ProgramModel model =
          analyzer.analyze(program.jarFile(), baseOptions.withDeclarations(declarations));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      int movable = (int) model.methods().stream().filter(MethodAnalysis::movable).count();
      boolean stored =
          repository.markDone(
              programId,
              generation,
              ModelJson.write(json, model),
              model.methods().size(),
              movable,
              millis);
      if (stored) {
        models.put(programId, new CachedModel(generation, model));
        log.info(
            "Analysed program {} in {} ms: {} methods, {} movable",
            programId,
            millis,
            model.methods().size(),
            movable);
        announce(programId, generation);
      }
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.warn("The analysis of program {} failed: {}", programId, e.toString());
      try {
        repository.markFailed(programId, generation, describe(e), millis);
      } catch (RuntimeException again) {
        log.warn("Could not record the failed analysis of {}: {}", programId, again.toString());
      }
    }
  }

  /** Listeners' failures (e.g. placing the program) must not turn a DONE analysis into FAILED. */
  private void announce(String programId, long generation) {
    try {
      events.publishEvent(new AnalysisCompletedEvent(programId, generation));
    } catch (RuntimeException e) {
      log.error("A listener failed on the analysis of program {}", programId, e);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text =
        e instanceof dev.farcall.heuristics.HeuristicsException && message != null
            ? message
            : e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }

  private void requireProgram(String programId) {
    if (programs.find(programId).isEmpty()) {
      throw new ProgramNotFoundException(programId);
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
