package dev.farcall.heuristics.adaptive;

/**
 * What a policy remembers of one site between rounds: a fixed handful of fields, so the state of a
 * run is bounded by its number of sites.
 *
 * @param mode the mode the policy holds the site in (in shadow mode: the one it would have chosen)
 * @param lastFlipNanos when the policy last flipped it, {@link PolicyState#NEVER} if never
 * @param flips how many times the policy flipped it (saturates at {@link Integer#MAX_VALUE})
 * @param losses how many times it went home because remote did not pay; lengthens its dwell before
 *     it may go remote again
 * @param trials how many trials were asked for it
 * @param trialPending whether a trial is under way
 * @param trialStartNanos when the last trial was asked for
 * @param trialBaseRemoteCalls the site's remote calls when the last trial was asked for
 * @param remoteCallsAtFlip the site's remote calls at its last flip; a REMOTE site is judged only
 *     on calls made after it
 * @param expectedRemoteNanos expected completion of a remote call at the last flip to REMOTE, ns
 * @param expectedHomeNanos completion of a call at home at the last flip to REMOTE, ns
 * @param batchSize the recommended batch size (1 unless REMOTE)
 */
public record SiteMemory(
    SiteMode mode,
    long lastFlipNanos,
    int flips,
    int losses,
    int trials,
    boolean trialPending,
    long trialStartNanos,
    long trialBaseRemoteCalls,
    long remoteCallsAtFlip,
    double expectedRemoteNanos,
    double expectedHomeNanos,
    int batchSize) {

  /** A site seen for the first time, in the given mode. */
  public static SiteMemory fresh(SiteMode mode) {
    return new SiteMemory(
        mode, PolicyState.NEVER, 0, 0, 0, false, PolicyState.NEVER, 0, 0, 0, 0, 1);
  }

  SiteMemory withMode(SiteMode newMode) {
    return new SiteMemory(
        newMode,
        lastFlipNanos,
        flips,
        losses,
        trials,
        trialPending,
        trialStartNanos,
        trialBaseRemoteCalls,
        remoteCallsAtFlip,
        expectedRemoteNanos,
        expectedHomeNanos,
        batchSize);
  }

  SiteMemory flipped(
      SiteMode to,
      long now,
      boolean lost,
      long remoteCalls,
      double expectedRemote,
      double expectedHome,
      int maxLosses) {
    return new SiteMemory(
        to,
        now,
        flips == Integer.MAX_VALUE ? flips : flips + 1,
        lost ? Math.min(maxLosses, losses + 1) : losses,
        trials,
        false,
        trialStartNanos,
        trialBaseRemoteCalls,
        remoteCalls,
        expectedRemote,
        expectedHome,
        to == SiteMode.LOCAL ? 1 : batchSize);
  }

  SiteMemory trialStarted(long now, long remoteCalls) {
    return new SiteMemory(
        mode,
        lastFlipNanos,
        flips,
        losses,
        trials + 1,
        true,
        now,
        remoteCalls,
        remoteCallsAtFlip,
        expectedRemoteNanos,
        expectedHomeNanos,
        batchSize);
  }

  SiteMemory trialEnded() {
    return new SiteMemory(
        mode,
        lastFlipNanos,
        flips,
        losses,
        trials,
        false,
        trialStartNanos,
        trialBaseRemoteCalls,
        remoteCallsAtFlip,
        expectedRemoteNanos,
        expectedHomeNanos,
        batchSize);
  }

  SiteMemory withBatchSize(int size) {
    return size == batchSize
        ? this
        : new SiteMemory(
            mode,
            lastFlipNanos,
            flips,
            losses,
            trials,
            trialPending,
            trialStartNanos,
            trialBaseRemoteCalls,
            remoteCallsAtFlip,
            expectedRemoteNanos,
            expectedHomeNanos,
            size);
  }
}
