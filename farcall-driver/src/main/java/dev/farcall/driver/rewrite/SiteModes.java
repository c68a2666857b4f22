package dev.farcall.driver.rewrite;

import dev.farcall.driver.rewrite.hooks.RunHooks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a run's rewritten code reads its sites' modes ({@link RunHooks#MODE_LOCAL}, {@link
 * RunHooks#MODE_COUNTED_LOCAL}, {@link RunHooks#MODE_DISPATCH}): one {@link MutableCallSite} per
 * site for class files that can hold {@code invokedynamic}, and the run's {@link RunHooks#MODES}
 * table for older ones. Both always say the same.
 *
 * <p>A call site's target is a constant method handle, which the JIT compiles to the constant
 * itself: a LOCAL call then costs nothing over a direct call. Publishing a new mode changes the
 * targets of the sites that changed and {@linkplain MutableCallSite#syncAll syncs} them, which
 * makes every thread see the change at its next call and deoptimises code that inlined the old
 * mode.
 */
public final class SiteModes implements Consumer<int[]> {

  private final MutableCallSite[] sites;
  private final Consumer<int[]> table;
  private final int[] current;

  /**
   * @param count how many sites the run has
   * @param table receives each new mode table, for class files without {@code invokedynamic}
   */
  public SiteModes(int count, Consumer<int[]> table) {
    this.sites = new MutableCallSite[count];
    this.table = table;
    this.current = new int[count];
    for (int i = 0; i < count; i++) {
      sites[i] = new MutableCallSite(constant(RunHooks.MODE_LOCAL));
    }
    table.accept(current.clone());
  }

  /** The call sites the run's {@code invokedynamic} instructions bind to (index = site id). */
  public MutableCallSite[] callSites() {
    return sites;
  }

  /** Makes {@code modes} (index = site id) the modes every thread of the run sees next. */
  @Override
  public synchronized void accept(int[] modes) {
    if (modes.length != sites.length) {
      throw new IllegalArgumentException(
          "expected " + sites.length + " modes, got " + modes.length);
    }
    List<MutableCallSite> changed = new ArrayList<>();
    for (int i = 0; i < modes.length; i++) {
      if (modes[i] != current[i]) {
        current[i] = modes[i];
        sites[i].setTarget(constant(modes[i]));
        changed.add(sites[i]);
      }
    }
    if (!changed.isEmpty()) {
      MutableCallSite.syncAll(changed.toArray(MutableCallSite[]::new));
    }
    table.accept(current.clone());
  }

  private static MethodHandle constant(int mode) {
    return MethodHandles.constant(int.class, mode);
  }
}
