package dev.farcall.heuristics.adaptive;

import dev.farcall.heuristics.placement.Durations;
import dev.farcall.heuristics.placement.Tunables;
import java.util.OptionalDouble;

/**
 * {@code cost-benefit}: a movable site goes REMOTE when its expected completion remotely beats its
 * measured completion at home by a margin, and comes back when what its remote calls measure stops
 * beating what home would take.
 *
 * <p>Per call, in ns, with w the work, o the dispatch overhead, k the site's calls running at once,
 * F the worker slots free to it, R home's runnable threads and C its cores:
 *
 * <ul>
 *   <li><b>LOCAL → REMOTE</b> when {@code (o + w × max(1, k / F)) × margin < home}, where home is
 *       the measured wall-clock time of a LOCAL call (it already includes home's saturation) and w
 *       is the worker-measured work if the site ever ran remotely, else home's time divided by
 *       home's slowdown {@code max(1, R / C)}. o is the site's measured overhead, else the run's
 *       (over every site measured remotely), else {@code assumedOverheadMicros}. A site never
 *       measured remote gets {@code trialCalls} trial calls before it may flip on those figures.
 *   <li><b>REMOTE → LOCAL</b> when the measured round trip exceeds {@code returnRatio × w × max(1,
 *       (R + k) / C)}: what a call would take at home with the site's k calls added to home's
 *       runnable threads. Going home this way counts as a loss and doubles the site's dwell before
 *       it may go remote again. Judged only on calls made after the flip.
 *   <li><b>Granularity.</b> A site whose work is below {@code minWorkOverOverhead} times the run's
 *       lowest measured overhead ({@link PolicyState#overheadFloorNanos()}: dispatch when nothing
 *       queues, not a round trip inflated by a saturated home) never goes remote, and a REMOTE site
 *       that falls below it comes home.
 *   <li><b>Batch size</b> of a REMOTE site: {@code ⌈o / w⌉}, at most its concurrency and {@code
 *       maxBatch}, so one message carries about one overhead's worth of work.
 * </ul>
 *
 * <p>Constant work per site and round: a few dozen arithmetic operations; reasons are only
 * formatted for the flips that are accepted.
 */
public final class CostBenefitAdaptivePolicy extends AbstractAdaptivePolicy {

  /** This policy's name. */
  public static final String NAME = "cost-benefit";

  /** Creates the policy. */
  public CostBenefitAdaptivePolicy() {
    super(CostBenefitOptions.DESCRIPTORS);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Sends a movable site remote when overhead plus work spread over the free worker slots,"
        + " times a margin, beats its measured time at home; brings it back when its measured"
        + " round trip stops beating home. Dwell, flip cap, trial calls and a granularity floor"
        + " keep it stable.";
  }

  @Override
  Evaluator prepare(PolicyRound round, PolicyState state, Tunables tunables) {
    return new CostBenefit(round, state, CostBenefitOptions.from(tunables));
  }

  /** The evaluation of one round. */
  private static final class CostBenefit implements Evaluator {
    private final HomeLoad home;
    private final ClusterCapacity cluster;
    private final CostBenefitOptions options;
    private final double runOverhead;
    private final boolean runOverheadMeasured;
    private final double overheadFloor;
    private final Estimate scratch;

    CostBenefit(PolicyRound round, PolicyState state, CostBenefitOptions options) {
      this.home = round.home();
      this.cluster = round.cluster();
      this.options = options;
      this.runOverheadMeasured = state.meanOverheadNanos().isPresent();
      this.runOverhead = state.meanOverheadNanos().orElse(options.assumedOverheadNanos());
      this.overheadFloor = state.overheadFloorNanos().orElse(runOverhead);
      this.scratch = new Estimate(home);
    }

    @Override
    public Proposal propose(SiteProfile site, SiteMemory memory) {
      if (!cluster.available()) {
        return memory.mode() == SiteMode.REMOTE ? noWorkers() : Proposal.STAY;
      }
      if (memory.mode() == SiteMode.LOCAL) {
        return towardsRemote(site, memory);
      }
      return site.mode() == SiteMode.REMOTE ? towardsHome(site, memory) : towardsHomeInShadow(site);
    }

    /** A LOCAL site: does remote beat what its calls take at home? */
    private Proposal towardsRemote(SiteProfile site, SiteMemory memory) {
      LocalProfile local = site.local();
      if (local.timedSamples() < options.minSamples()) {
        boolean heavy = !site.everMeasuredRemote() && homeShare(site) >= options.heavyCpuShare();
        return heavy ? trialOnly() : Proposal.STAY;
      }
      Estimate e = estimateFromLocal(site);
      if (tooFine(e.work) || e.slots < 1) {
        return Proposal.STAY;
      }
      if (e.remote * options.margin() >= e.home) {
        return worthAnotherTrial(site, memory) ? trialOnly() : Proposal.STAY;
      }
      return new Proposal(
          Proposal.Kind.FLIP,
          SiteMode.REMOTE,
          DecisionCause.REMOTE_FASTER,
          local.callsPerSecond() * (e.home - e.remote),
          e.assumed);
    }

    /**
     * A heavy site whose only remote figures come from trial calls may be tried again (the policy
     * spaces and caps the trials): the first calls of a method on a worker also load its classes
     * and run interpreted, so one trial can make remote look far slower than it is.
     */
    private boolean worthAnotherTrial(SiteProfile site, SiteMemory memory) {
      return memory.flips() == 0
          && homeShare(site) >= options.heavyCpuShare()
          && !tooFine(site.local().workNanos() / home.slowdown());
    }

    /**
     * The share of home's capacity the site holds: its share of JFR's CPU samples, or, when more,
     * the threads its timed calls keep busy over home's cores (JFR may start late or not at all).
     */
    private double homeShare(SiteProfile site) {
      LocalProfile local = site.local();
      double busy = local.timedSamples() > 0 ? local.concurrency() / home.cores() : 0;
      return Math.max(local.cpuShare(), Math.min(1, busy));
    }

    /** A REMOTE site: does what it measured still beat what home would take? */
    private Proposal towardsHome(SiteProfile site, SiteMemory memory) {
      RemoteProfile remote = site.remote();
      if (remote.calls() - memory.remoteCallsAtFlip() < options.minSamples()) {
        return Proposal.STAY;
      }
      if (tooFine(remote.workNanos())) {
        return homeBound(
            DecisionCause.TOO_FINE_GRAINED, remote.callsPerSecond() * remote.overheadNanos());
      }
      double homeTime = homeTimeOf(remote);
      if (remote.roundTripNanos() > options.returnRatio() * homeTime) {
        return homeBound(
            DecisionCause.REMOTE_SLOWER,
            remote.callsPerSecond() * (remote.roundTripNanos() - homeTime));
      }
      return Proposal.STAY;
    }

    /** What a remote site's call would take at home with its calls added to home's threads. */
    private double homeTimeOf(RemoteProfile remote) {
      return remote.workNanos() * home.slowdownWith(remote.callsAtOnce());
    }

    /** Shadow mode holds a site REMOTE that still runs LOCAL: judge it on its local figures. */
    private Proposal towardsHomeInShadow(SiteProfile site) {
      if (site.local().timedSamples() < options.minSamples()) {
        return Proposal.STAY;
      }
      Estimate e = estimateFromLocal(site);
      if (tooFine(e.work)) {
        return homeBound(DecisionCause.TOO_FINE_GRAINED, 0);
      }
      if (e.remote > options.returnRatio() * e.home) {
        return homeBound(
            DecisionCause.REMOTE_SLOWER, site.local().callsPerSecond() * (e.remote - e.home));
      }
      return Proposal.STAY;
    }

    /** Fills the evaluator's scratch estimate from the site's LOCAL figures (no allocation). */
    private Estimate estimateFromLocal(SiteProfile site) {
      LocalProfile local = site.local();
      RemoteProfile remote = site.remote();
      boolean measured = remote.calls() > 0;
      Estimate e = scratch;
      e.work = measured ? remote.workNanos() : local.workNanos() / home.slowdown();
      e.overhead = measured ? remote.overheadNanos() : runOverhead;
      e.concurrency = local.callsAtOnce();
      e.slots = freeSlotsFor(site);
      e.remote = e.overhead + e.work * Math.max(1, e.concurrency / Math.max(1, e.slots));
      e.home = local.workNanos();
      e.assumed = !measured;
      return e;
    }

    /** The granularity floor: below a multiple of the run's lowest measured overhead. */
    private boolean tooFine(double work) {
      return work < options.minWorkOverOverhead() * overheadFloor;
    }

    private int freeSlotsFor(SiteProfile site) {
      return (int)
          Math.min(cluster.totalSlots(), (long) cluster.freeSlots() + site.remote().inFlight());
    }

    private static Proposal trialOnly() {
      return new Proposal(
          Proposal.Kind.TRIAL_ONLY, SiteMode.REMOTE, DecisionCause.REMOTE_FASTER, 0, true);
    }

    private static Proposal noWorkers() {
      return homeBound(DecisionCause.NO_WORKERS, Double.MAX_VALUE);
    }

    private static Proposal homeBound(DecisionCause cause, double gain) {
      return new Proposal(Proposal.Kind.FLIP, SiteMode.LOCAL, cause, Math.max(0, gain), false);
    }

    @Override
    public DecisionFigures figures(SiteProfile site, Proposal proposal) {
      if (proposal.cause() == DecisionCause.NO_WORKERS) {
        return new DecisionFigures(
            0, 0, 0, 0, 0, 0, OptionalDouble.empty(), home.cores(), home.runnableThreads(), 1);
      }
      if (proposal.kind() == Proposal.Kind.TRIAL_ONLY) {
        return new DecisionFigures(
            0,
            runOverhead,
            1,
            freeSlotsFor(site),
            0,
            0,
            OptionalDouble.empty(),
            home.cores(),
            home.runnableThreads(),
            options.margin());
      }
      if (proposal.to() == SiteMode.LOCAL && site.mode() == SiteMode.REMOTE) {
        RemoteProfile remote = site.remote();
        return new DecisionFigures(
            remote.workNanos(),
            remote.overheadNanos(),
            remote.callsAtOnce(),
            freeSlotsFor(site),
            remote.roundTripNanos(),
            homeTimeOf(remote),
            OptionalDouble.of(remote.roundTripNanos()),
            home.cores(),
            home.runnableThreads(),
            options.returnRatio());
      }
      double margin = proposal.to() == SiteMode.REMOTE ? options.margin() : options.returnRatio();
      return estimateFromLocal(site).figures(margin, OptionalDouble.empty());
    }

    @Override
    public int batchSize(SiteProfile site) {
      RemoteProfile remote = site.remote();
      if (remote.calls() == 0) {
        return 1;
      }
      double perMessage = Math.ceil(remote.overheadNanos() / Math.max(1, remote.workNanos()));
      double cap = Math.min(options.maxBatch(), Math.floor(remote.callsAtOnce()));
      return (int) Math.max(1, Math.min(perMessage, cap));
    }

    @Override
    public String reason(
        SiteProfile site, SiteMemory before, Proposal proposal, DecisionFigures f) {
      return switch (proposal.cause()) {
        case REMOTE_FASTER ->
            "remote "
                + Durations.format(f.expectedRemoteNanos())
                + " = overhead "
                + Durations.format(f.overheadNanos())
                + " + work "
                + Durations.format(f.workNanos())
                + " × max(1, "
                + Durations.count(f.concurrency())
                + " calls / "
                + f.freeSlots()
                + " free slots); × "
                + Durations.factor(f.margin())
                + " < home "
                + Durations.format(f.expectedHomeNanos())
                + " ("
                + Durations.count(f.runnableThreads())
                + " runnable threads on "
                + f.cores()
                + " cores)"
                + overheadSource(proposal.assumed());
        case REMOTE_SLOWER ->
            (f.measuredRemoteNanos().isPresent() ? "measured round trip " : "expected remote ")
                + Durations.format(f.expectedRemoteNanos())
                + " > "
                + Durations.factor(f.margin())
                + " × home "
                + Durations.format(f.expectedHomeNanos())
                + " = work "
                + Durations.format(f.workNanos())
                + " × max(1, ("
                + Durations.count(f.runnableThreads())
                + " runnable + "
                + Durations.count(f.concurrency())
                + " calls) / "
                + f.cores()
                + " cores)"
                + expectedAtFlip(before);
        case TOO_FINE_GRAINED ->
            "work "
                + Durations.format(f.workNanos())
                + " < "
                + Durations.factor(options.minWorkOverOverhead())
                + " × the run's lowest overhead "
                + Durations.format(overheadFloor)
                + ": too fine-grained to pay remotely";
        case NO_WORKERS ->
            "no alive worker with slots ("
                + cluster.aliveWorkers()
                + " workers, "
                + cluster.totalSlots()
                + " slots)";
      };
    }

    private static String expectedAtFlip(SiteMemory before) {
      return before.lastFlipNanos() != PolicyState.NEVER && before.expectedRemoteNanos() > 0
          ? "; expected remote "
              + Durations.format(before.expectedRemoteNanos())
              + " against home "
              + Durations.format(before.expectedHomeNanos())
              + " at the flip"
          : "";
    }

    private String overheadSource(boolean assumed) {
      if (!assumed) {
        return "";
      }
      return runOverheadMeasured
          ? "; overhead as measured on the run's other sites"
          : "; overhead assumed, none measured yet";
    }

    @Override
    public String trialReason(SiteProfile site, Proposal proposal, DecisionFigures f, int calls) {
      if (proposal.kind() == Proposal.Kind.TRIAL_ONLY && site.everMeasuredRemote()) {
        return "measured remote only on earlier trial calls (round trip "
            + Durations.format(site.remote().roundTripNanos())
            + ", work "
            + Durations.format(site.remote().workNanos())
            + " against "
            + Durations.format(site.local().workNanos())
            + " at home), perhaps while a worker loaded the program; holds "
            + Math.round(homeShare(site) * 100)
            + "% of home's CPU: "
            + calls
            + " more trial calls";
      }
      if (proposal.kind() == Proposal.Kind.TRIAL_ONLY) {
        return "never measured remote, holds "
            + Math.round(homeShare(site) * 100)
            + "% of home's CPU: "
            + calls
            + " trial calls";
      }
      return "never measured remote: "
          + calls
          + " trial calls, as remote "
          + Durations.format(f.expectedRemoteNanos())
          + " × "
          + Durations.factor(f.margin())
          + " < home "
          + Durations.format(f.expectedHomeNanos())
          + " with overhead "
          + Durations.format(f.overheadNanos())
          + (runOverheadMeasured ? " measured on other sites" : " assumed");
    }
  }

  /** The LOCAL-side comparison of one site; one per round, refilled per site. */
  private static final class Estimate {
    private final HomeLoad load;
    double work;
    double overhead;
    double concurrency;
    int slots;
    double remote;
    double home;
    boolean assumed;

    Estimate(HomeLoad load) {
      this.load = load;
    }

    DecisionFigures figures(double margin, OptionalDouble measured) {
      return new DecisionFigures(
          work,
          overhead,
          concurrency,
          slots,
          remote,
          home,
          measured,
          load.cores(),
          load.runnableThreads(),
          margin);
    }
  }
}
