package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.analysis.AnalysisCompletedEvent;
import dev.farcall.coordinator.analysis.AnalysisNotReadyException;
import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.coordinator.analysis.AnalysisStatus;
import dev.farcall.coordinator.profile.ProfilesChangedEvent;
import dev.farcall.coordinator.profile.ProgramProfiles;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramNotFoundException;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.system.InvalidRequestException;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.placement.Decision;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.OverrideRejectedException;
import dev.farcall.heuristics.placement.PlacementHeuristic;
import dev.farcall.heuristics.placement.PlacementHeuristics;
import dev.farcall.heuristics.placement.PlacementPlan;
import dev.farcall.heuristics.placement.PlacementProblem;
import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.TunableValidationException;
import dev.farcall.heuristics.placement.Tunables;
import dev.farcall.heuristics.planning.PlacementProblemAdapter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Computes, versions and serves placement plans and the heuristic settings; see package docs. */
@Service
public class PlacementService {

  private static final Logger log = LoggerFactory.getLogger(PlacementService.class);

  private final AnalysisService analyses;
  private final PlanRepository plans;
  private final SettingsRepository settingsRepository;
  private final PlacementHeuristics heuristics = PlacementHeuristics.builtIn();
  private final PlacementProblemAdapter adapter;
  private final ApplicationEventPublisher events;
  private final ProgramLookup programs;
  private final ProgramProfiles profiles;

  /** Serialises plan versions: every new version is computed from the one before. */
  private final Object planLock = new Object();

  PlacementService(
      AnalysisService analyses,
      PlanRepository plans,
      SettingsRepository settingsRepository,
      ApplicationEventPublisher events,
      ProgramLookup programs,
      ProgramProfiles profiles) {
    this.analyses = analyses;
    this.programs = programs;
    this.profiles = profiles;
    this.events = events;
    this.plans = plans;
    this.settingsRepository = settingsRepository;
    this.adapter = new PlacementProblemAdapter(analyses.allowsNondeterministic());
  }

  /**
   * The current plan of a program, computed and persisted first if its analysis changed since the
   * last version; empty while the analysis is not DONE or when there is no such program. The seam
   * for the run driver: dispatch exactly the methods decided REMOTE.
   */
  public Optional<PlacementPlan> currentPlan(String programId) {
    try {
      return Optional.of(current(programId).plan());
    } catch (AnalysisNotReadyException | ProgramNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The overrides in force on a program's current plan (method key → LOCAL or REMOTE); empty while
   * its analysis is not done or when there is no such program.
   */
  public Map<String, OverrideMode> currentOverrides(String programId) {
    try {
      return current(programId).overrides();
    } catch (AnalysisNotReadyException | ProgramNotFoundException e) {
      return Map.of();
    }
  }

  /**
   * A plan of the program with another heuristic or other tunables, with its current overrides; not
   * persisted. For runs that choose their own heuristic.
   *
   * @param heuristic a heuristic's name, or {@code null} for the global setting
   * @param tunables values for that heuristic (validated); {@code null} or empty for the global
   *     settings' values that the heuristic knows
   * @throws AnalysisNotReadyException while the analysis is not DONE
   * @throws InvalidRequestException for an unknown heuristic
   * @throws InvalidTunablesException for tunables that do not fit the heuristic
   */
  public PlacementPlan plan(String programId, String heuristic, Map<String, ?> tunables) {
    StoredPlan current = current(programId);
    PlacementHeuristic chosen =
        heuristic == null ? heuristicOf(settings()) : findHeuristic(heuristic);
    Tunables values;
    if (tunables == null || tunables.isEmpty()) {
      values = tunablesFor(chosen, settings());
    } else {
      try {
        Tunables.requireJsonTypes(chosen.parameters(), tunables);
        values = chosen.tunables(tunables);
      } catch (TunableValidationException e) {
        throw new InvalidTunablesException(chosen.name(), e.violations());
      }
    }
    ProgramModel model = modelOf(programId, current.analysisGeneration());
    return chosen.place(
        withOverridesKept(problemOf(programId, model), current.overrides()), values);
  }

  /** The built-in heuristics, the default first. */
  public List<PlacementHeuristic> heuristics() {
    return heuristics.all();
  }

  /** Whether {@code heuristic} is the one used when none is set. */
  boolean isDefault(PlacementHeuristic heuristic) {
    return heuristic.name().equals(PlacementHeuristics.DEFAULT);
  }

  /**
   * The current plan version of a program.
   *
   * @throws ProgramNotFoundException when there is no such program
   * @throws AnalysisNotReadyException while its analysis is not DONE
   */
  StoredPlan current(String programId) {
    AnalysisStatus status = analyses.status(programId);
    if (status != AnalysisStatus.DONE) {
      throw new AnalysisNotReadyException(programId, status);
    }
    long generation = analyses.generation(programId);
    synchronized (planLock) {
      Optional<StoredPlan> latest = plans.latest(programId);
      if (latest.isPresent() && latest.get().analysisGeneration() == generation) {
        return latest.get();
      }
      return recompute(programId, generation, latest, Map.of());
    }
  }

  /** A preview with another heuristic (its defaults, plus the global cost tunables it knows). */
  PlacementPlan preview(String programId, String heuristicName) {
    return plan(programId, heuristicName, null);
  }

  /**
   * Applies overrides on top of the current ones and stores the resulting plan as a new version.
   *
   * @param requested method key ({@code pkg.Class#name} or {@code pkg.Class#name(desc)}) → LOCAL,
   *     REMOTE or AUTO (AUTO removes an override)
   * @throws OverridesRejectedException for unknown methods or modes, or REMOTE on a method that may
   *     not move; nothing is changed then
   */
  StoredPlan setOverrides(String programId, Map<String, String> requested) {
    Map<String, OverrideMode> modes = new TreeMap<>();
    Map<String, String> rejected = new TreeMap<>();
    requested.forEach(
        (key, mode) -> {
          try {
            modes.put(key, OverrideMode.valueOf(String.valueOf(mode).toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            rejected.put(key, "unknown mode '" + mode + "' (LOCAL, REMOTE or AUTO)");
          }
        });
    if (!rejected.isEmpty()) {
      throw new OverridesRejectedException(programId, rejected);
    }
    synchronized (planLock) {
      StoredPlan latest = current(programId);
      return recompute(programId, latest.analysisGeneration(), Optional.of(latest), modes);
    }
  }

  /** The global settings (the default heuristic with no values given, until set). */
  HeuristicSettings settings() {
    return settingsRepository
        .find()
        .orElseGet(() -> new HeuristicSettings(PlacementHeuristics.DEFAULT, Map.of()));
  }

  /** The global settings with every tunable's effective value. */
  Tunables effectiveTunables(HeuristicSettings settings) {
    return tunablesFor(heuristicOf(settings), settings);
  }

  /**
   * Validates and stores the global settings, then recomputes the plan of every analysed program.
   *
   * @throws InvalidTunablesException for an unknown heuristic or a bad value; nothing changed then
   */
  HeuristicSettings updateSettings(String heuristic, Map<String, ?> tunables) {
    String name = heuristic == null ? PlacementHeuristics.DEFAULT : heuristic;
    PlacementHeuristic chosen =
        heuristics
            .find(name)
            .orElseThrow(
                () ->
                    new InvalidTunablesException(
                        name,
                        List.of(
                            new TunableValidationException.Violation(
                                "heuristic",
                                name,
                                "unknown heuristic; known: "
                                    + heuristics.all().stream()
                                        .map(PlacementHeuristic::name)
                                        .toList()))));
    Tunables values;
    try {
      Tunables.requireJsonTypes(chosen.parameters(), tunables == null ? Map.of() : tunables);
      values = chosen.tunables(tunables == null ? Map.of() : tunables);
    } catch (TunableValidationException e) {
      throw new InvalidTunablesException(name, e.violations());
    }
    HeuristicSettings settings = new HeuristicSettings(name, values.givenValues());
    synchronized (planLock) {
      settingsRepository.save(settings);
      for (String programId : analyses.analysedPrograms()) {
        try {
          long generation = analyses.generation(programId);
          recompute(programId, generation, plans.latest(programId), Map.of());
        } catch (RuntimeException e) {
          log.warn("Could not place program {} with the new settings: {}", programId, e.toString());
        }
      }
    }
    return settings;
  }

  /** A run measured the program: a new plan version takes the measurements as estimates. */
  @EventListener
  void onProfilesChanged(ProfilesChangedEvent event) {
    try {
      synchronized (planLock) {
        StoredPlan latest = current(event.programId());
        recompute(event.programId(), latest.analysisGeneration(), Optional.of(latest), Map.of());
      }
    } catch (AnalysisNotReadyException | ProgramNotFoundException e) {
      // re-analysed or deleted meanwhile; the next plan reads the profiles anyway
    }
  }

  @EventListener
  void onAnalysisCompleted(AnalysisCompletedEvent event) {
    try {
      current(event.programId());
    } catch (AnalysisNotReadyException | ProgramNotFoundException e) {
      // superseded or deleted meanwhile; the next request places it
    }
  }

  /** Computes and stores the next version; callers hold {@link #planLock}. */
  private StoredPlan recompute(
      String programId,
      long generation,
      Optional<StoredPlan> previous,
      Map<String, OverrideMode> requested) {
    ProgramModel model = modelOf(programId, generation);
    PlacementProblem problem =
        withOverridesKept(
            problemOf(programId, model), previous.map(StoredPlan::overrides).orElse(Map.of()));
    try {
      problem = problem.withOverrides(requested);
    } catch (OverrideRejectedException e) {
      throw new OverridesRejectedException(programId, e.reasons());
    }
    HeuristicSettings settings = settings();
    PlacementHeuristic heuristic = heuristicOf(settings);
    PlacementPlan plan = heuristic.place(problem, tunablesFor(heuristic, settings));
    StoredPlan stored =
        new StoredPlan(
            programId,
            previous.map(StoredPlan::version).orElse(0) + 1,
            generation,
            plan,
            new TreeMap<>(problem.overrides()),
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    try {
      plans.insert(stored);
    } catch (DataIntegrityViolationException e) {
      throw new ProgramNotFoundException(programId);
    }
    Map<Decision, Long> counts =
        plan.decisions().stream()
            .collect(Collectors.groupingBy(d -> d.decision(), TreeMap::new, Collectors.counting()));
    log.info(
        "Placed program {} (plan version {}, {}): {}",
        programId,
        stored.version(),
        plan.heuristic(),
        counts);
    events.publishEvent(
        new PlanChangedEvent(programId, stored.version(), plan.heuristic(), counts));
    return stored;
  }

  private ProgramModel modelOf(String programId, long generation) {
    return analyses
        .model(programId, generation)
        .orElseThrow(() -> new AnalysisNotReadyException(programId, analyses.status(programId)));
  }

  /** The program's problem, with what its runs measured as profiles. */
  private PlacementProblem problemOf(String programId, ProgramModel model) {
    PlacementProblem problem = adapter.adapt(model);
    Optional<String> sha = programs.find(programId).map(ProgramRef::sha256);
    return sha.isEmpty() ? problem : MeasuredProfiles.apply(problem, profiles.of(sha.get()));
  }

  /** Applies kept overrides one by one, dropping those a new analysis made invalid. */
  private static PlacementProblem withOverridesKept(
      PlacementProblem problem, Map<String, OverrideMode> kept) {
    PlacementProblem result = problem;
    for (Map.Entry<String, OverrideMode> override : kept.entrySet()) {
      try {
        result = result.withOverrides(Map.of(override.getKey(), override.getValue()));
      } catch (OverrideRejectedException e) {
        log.info("Dropping override {}: {}", override, e.reasons());
      }
    }
    return result;
  }

  private PlacementHeuristic findHeuristic(String name) {
    return heuristics
        .find(name)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "heuristic",
                    "Unknown heuristic '"
                        + name
                        + "'; known: "
                        + heuristics.all().stream().map(PlacementHeuristic::name).toList()));
  }

  private PlacementHeuristic heuristicOf(HeuristicSettings settings) {
    return heuristics.find(settings.heuristic()).orElseGet(heuristics::defaultHeuristic);
  }

  /**
   * The settings' values for {@code heuristic}: all of them when it is the configured heuristic,
   * otherwise those it also knows (the shared cost-model tunables).
   */
  private static Tunables tunablesFor(PlacementHeuristic heuristic, HeuristicSettings settings) {
    Map<String, Object> known = new LinkedHashMap<>();
    List<String> names = heuristic.parameters().stream().map(TunableDescriptor::name).toList();
    settings
        .given()
        .forEach(
            (k, v) -> {
              if (names.contains(k)) {
                known.put(k, v);
              }
            });
    try {
      return heuristic.tunables(known);
    } catch (TunableValidationException e) {
      log.warn(
          "Stored settings do not fit {}; using its defaults: {}",
          heuristic.name(),
          e.getMessage());
      return Tunables.defaults(heuristic.parameters());
    }
  }
}
