package dev.farcall.heuristics.adaptive;

import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.Tunables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules every built-in policy shares ({@link PolicyLimits}); a subclass only proposes, per
 * movable site, whether it should flip and why.
 *
 * <p>Per round: each site's memory follows the mode the driver reports (in shadow mode a movable
 * site keeps the mode the policy would have given it); sites that are not {@link
 * Movability#MOVABLE} are skipped; a site with a trial under way waits for its trial calls; a
 * proposal to go remote on assumed figures becomes a trial when trials are possible; a flip inside
 * the site's dwell is dropped; what remains is accepted up to the flip cap, sites going home first,
 * then by expected gain. Linear in sites, plus a sort of the candidates when they exceed the cap.
 */
abstract class AbstractAdaptivePolicy implements AdaptivePolicy {
  private final List<TunableDescriptor> parameters;

  AbstractAdaptivePolicy(List<TunableDescriptor> ownParameters) {
    List<TunableDescriptor> all = new ArrayList<>(ownParameters);
    all.addAll(PolicyLimits.DESCRIPTORS);
    this.parameters = List.copyOf(all);
  }

  @Override
  public final List<TunableDescriptor> parameters() {
    return parameters;
  }

  @Override
  public final PolicyOutcome decide(PolicyRound round, PolicyState state, Tunables tunables) {
    Tunables checked =
        tunables.descriptors().equals(parameters)
            ? tunables
            : Tunables.of(parameters, tunables.givenValues());
    PolicyLimits limits = PolicyLimits.from(checked);
    return new Round(round, state, limits, prepare(round, state, checked)).run();
  }

  /**
   * Prepares the proposals of one round (e.g. reads the options); {@code state} is the previous
   * round's, with the run-wide overhead figures measured so far.
   */
  abstract Evaluator prepare(PolicyRound round, PolicyState state, Tunables tunables);

  /** Proposes for the movable sites of one round. */
  interface Evaluator {
    /**
     * What the site should do, judged in the mode the policy holds it in ({@code memory.mode()}).
     */
    Proposal propose(SiteProfile site, SiteMemory memory);

    /** The batch size for a site the policy holds REMOTE. */
    int batchSize(SiteProfile site);

    /**
     * The figures behind a proposal this evaluator made for the site in this round (computed only
     * for the proposals that are accepted, so a round with thousands of candidates allocates
     * little).
     */
    DecisionFigures figures(SiteProfile site, Proposal proposal);

    /** The reason of an accepted flip, with its figures; {@code before} is the site's memory. */
    String reason(SiteProfile site, SiteMemory before, Proposal proposal, DecisionFigures figures);

    /** The reason of a trial asked instead of a flip on assumed figures. */
    String trialReason(SiteProfile site, Proposal proposal, DecisionFigures figures, int calls);
  }

  /**
   * A subclass's proposal for one site.
   *
   * @param kind stay, flip, or only try a few calls remotely (no figures to flip on yet)
   * @param to the mode to flip to
   * @param cause why
   * @param gain expected ns of callers' time saved per second; orders the candidates
   * @param assumed whether the remote figures are assumed, not measured (a trial comes first)
   */
  record Proposal(Kind kind, SiteMode to, DecisionCause cause, double gain, boolean assumed) {

    /** Keep the site as it is. */
    static final Proposal STAY = new Proposal(Kind.STAY, null, null, 0, false);

    enum Kind {
      STAY,
      FLIP,
      TRIAL_ONLY
    }
  }

  /** One round's pass over the sites. */
  private static final class Round {
    private final PolicyRound round;
    private final PolicyState state;
    private final PolicyLimits limits;
    private final Evaluator evaluator;
    private final long now;
    private final SiteMemory[] memory;
    private final List<TrialRequest> trials = new ArrayList<>(0);
    private double overheadSum;
    private double overheadWeights;
    private double overheadFloor = Double.NaN;
    private int[] candidates = new int[16];
    private Proposal[] proposals = new Proposal[16];
    private int candidateCount;

    Round(PolicyRound round, PolicyState state, PolicyLimits limits, Evaluator evaluator) {
      this.round = round;
      this.state = state;
      this.limits = limits;
      this.evaluator = evaluator;
      this.now = round.nowNanos();
      this.memory = state.sitesCopy(round.sites().size());
    }

    PolicyOutcome run() {
      List<SiteProfile> sites = round.sites();
      for (int i = 0; i < sites.size(); i++) {
        visit(sites.get(i));
      }
      int budget = Math.max(0, limits.maxFlipsPerSecond() - state.flipsInSecondBefore(now));
      int[] accepted = select(budget);
      List<SiteDecision> decisions = new ArrayList<>(accepted.length);
      long[] flipTimes = new long[accepted.length];
      for (int c : accepted) {
        SiteProfile site = sites.get(candidates[c]);
        decisions.add(accept(site, proposals[c]));
        flipTimes[decisions.size() - 1] = now;
      }
      for (int i = 0; i < sites.size(); i++) {
        SiteProfile site = sites.get(i);
        if (site.movability().policyDecides() && memory[i].mode() == SiteMode.REMOTE) {
          memory[i] = memory[i].withBatchSize(evaluator.batchSize(site));
        } else if (memory[i].batchSize() != 1) {
          memory[i] = memory[i].withBatchSize(1);
        }
      }
      PolicyState next =
          state.next(
              memory,
              flipTimes,
              decisions.size(),
              limits.maxFlipsPerSecond(),
              overheadWeights > 0 ? overheadSum / overheadWeights : Double.NaN,
              overheadFloor);
      return new PolicyOutcome(decisions, trials, next);
    }

    private void visit(SiteProfile site) {
      measureOverhead(site.remote());
      int i = site.id();
      SiteMemory m = memory[i];
      boolean decides = site.movability().policyDecides();
      if (m == null) {
        m = SiteMemory.fresh(site.mode());
      } else if ((!limits.shadow() || !decides) && m.mode() != site.mode()) {
        m = m.withMode(site.mode()); // the driver's mode is the truth (an override, a failed flip)
      }
      memory[i] = m;
      if (!decides) {
        return;
      }
      if (m.trialPending()) {
        boolean answered = site.remote().calls() >= m.trialBaseRemoteCalls() + limits.trialCalls();
        if (!answered && now - m.trialStartNanos() < PolicyLimits.TRIAL_TIMEOUT_NANOS) {
          return;
        }
        m = m.trialEnded();
        memory[i] = m;
      }
      Proposal proposal = evaluator.propose(site, m);
      if (proposal.kind() == Proposal.Kind.STAY) {
        return;
      }
      boolean wantsTrial =
          proposal.to() == SiteMode.REMOTE
              && (proposal.kind() == Proposal.Kind.TRIAL_ONLY || proposal.assumed());
      if (wantsTrial && mayTrial(site, m)) {
        trials.add(
            new TrialRequest(
                i,
                site.methodKey(),
                limits.trialCalls(),
                now,
                evaluator.trialReason(
                    site, proposal, evaluator.figures(site, proposal), limits.trialCalls())));
        memory[i] = m.trialStarted(now, site.remote().calls());
        return;
      }
      if (proposal.kind() == Proposal.Kind.FLIP
          && proposal.to() != m.mode()
          && dwellOver(m, proposal)) {
        addCandidate(i, proposal);
      }
    }

    /** Sums this round's run-wide overhead figures for the next round. */
    private void measureOverhead(RemoteProfile remote) {
      long calls = remote.calls();
      if (calls == 0) {
        return;
      }
      double overhead = remote.overheadNanos();
      double weight = Math.min(calls, PolicyState.MAX_OVERHEAD_WEIGHT);
      overheadSum += weight * overhead;
      overheadWeights += weight;
      if (calls >= PolicyState.FLOOR_MIN_CALLS && !(overhead >= overheadFloor)) {
        overheadFloor = overhead;
      }
    }

    /**
     * A trial for a LOCAL site, at most {@link PolicyLimits#MAX_TRIALS_PER_SITE} per run; a site
     * measured remote before (by a trial: it never flipped) waits the dwell, doubled per trial.
     */
    private boolean mayTrial(SiteProfile site, SiteMemory m) {
      if (limits.shadow()
          || limits.trialCalls() <= 0
          || site.mode() != SiteMode.LOCAL
          || m.trials() >= PolicyLimits.MAX_TRIALS_PER_SITE) {
        return false;
      }
      if (!site.everMeasuredRemote()) {
        return true;
      }
      return m.flips() == 0 && now - m.trialStartNanos() >= limits.minDwellNanos() << m.trials();
    }

    private boolean dwellOver(SiteMemory m, Proposal proposal) {
      return m.lastFlipNanos() == PolicyState.NEVER
          || now - m.lastFlipNanos() >= limits.dwellNanos(m, proposal.to());
    }

    private void addCandidate(int site, Proposal proposal) {
      if (candidateCount == candidates.length) {
        candidates = Arrays.copyOf(candidates, candidateCount * 2);
        proposals = Arrays.copyOf(proposals, candidateCount * 2);
      }
      candidates[candidateCount] = site;
      proposals[candidateCount] = proposal;
      candidateCount++;
    }

    /**
     * Positions of the accepted candidates: all of them within the budget, else sites going home
     * first, then by gain (ties: lower site id), at most {@code budget}.
     */
    private int[] select(int budget) {
      if (candidateCount <= budget) {
        int[] all = new int[candidateCount];
        int k = 0;
        for (int c = 0; c < candidateCount; c++) {
          if (proposals[c].to() == SiteMode.LOCAL) {
            all[k++] = c;
          }
        }
        for (int c = 0; c < candidateCount; c++) {
          if (proposals[c].to() == SiteMode.REMOTE) {
            all[k++] = c;
          }
        }
        return all;
      }
      // key: home-bound above remote-bound, then gain (as float bits, which order like the
      // non-negative floats), then lower position; the budget's largest keys are kept in a
      // min-heap, O(n log budget) instead of sorting every candidate
      long[] heap = new long[budget];
      int size = 0;
      for (int c = 0; c < candidateCount; c++) {
        long key = key(c);
        if (size < budget) {
          heap[size] = key;
          siftUp(heap, size++);
        } else if (budget > 0 && key > heap[0]) {
          heap[0] = key;
          siftDown(heap, budget);
        }
      }
      Arrays.sort(heap, 0, size);
      int[] chosen = new int[size];
      for (int k = 0; k < size; k++) {
        chosen[k] = Integer.MAX_VALUE - (int) (heap[size - 1 - k] & Integer.MAX_VALUE);
      }
      return chosen;
    }

    private long key(int c) {
      long home = proposals[c].to() == SiteMode.LOCAL ? 1L << 62 : 0;
      double g = proposals[c].gain();
      long gain = Float.floatToIntBits(g > 0 ? (float) g : 0f) & 0x7FFFFFFFL;
      return home | gain << 31 | (Integer.MAX_VALUE - c);
    }

    private static void siftUp(long[] heap, int i) {
      long key = heap[i];
      while (i > 0 && heap[(i - 1) >>> 1] > key) {
        heap[i] = heap[(i - 1) >>> 1];
        i = (i - 1) >>> 1;
      }
      heap[i] = key;
    }

    private static void siftDown(long[] heap, int size) {
      long key = heap[0];
      int i = 0;
      while (2 * i + 1 < size) {
        int child = 2 * i + 1;
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= key) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = key;
    }

    private SiteDecision accept(SiteProfile site, Proposal proposal) {
      SiteMemory m = memory[site.id()];
      DecisionFigures figures = evaluator.figures(site, proposal);
      memory[site.id()] =
          m.flipped(
              proposal.to(),
              now,
              proposal.cause() == DecisionCause.REMOTE_SLOWER,
              site.remote().calls(),
              figures.expectedRemoteNanos(),
              figures.expectedHomeNanos(),
              PolicyLimits.MAX_BACKOFF_DOUBLINGS);
      return new SiteDecision(
          site.id(),
          site.methodKey(),
          m.mode(),
          proposal.to(),
          now,
          proposal.cause(),
          evaluator.reason(site, m, proposal, figures),
          figures,
          !limits.shadow());
    }
  }
}
