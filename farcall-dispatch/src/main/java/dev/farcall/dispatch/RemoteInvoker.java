package dev.farcall.dispatch;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends calls to workers: the one seam through which both a run's call sites (in the run driver)
 * and the coordinator's REST invocations reach workers. The implementation owns delivery: it picks
 * a live worker, resends a {@link RemoteCall.Delivery#RETRY_ON_ANOTHER_WORKER} call to another
 * worker after a timeout or a worker's death, and deduplicates replies.
 *
 * <p>Contract: each future completes exactly once, with the first reply (an {@link
 * InvocationOutcome} whose {@code attempts} tells how many sends it took), or exceptionally with a
 * {@link DispatchException} when no worker could serve the call before its deadline. A caller that
 * stops waiting cancels its future.
 */
public interface RemoteInvoker {

  /**
   * Starts one call; never blocks on the network.
   *
   * @param call a call with exactly one argument payload
   * @throws OverloadedException when too many calls are in flight
   * @throws DispatchUnavailableException when the invoker is not running
   */
  CompletableFuture<InvocationOutcome> invoke(RemoteCall call);

  /**
   * Starts calls of one method, sent together unless they exceed what one request carries.
   *
   * @return one future per argument payload, in order
   * @throws OverloadedException when the pending table cannot take the whole batch
   */
  List<CompletableFuture<InvocationOutcome>> invokeBatch(RemoteCall calls);

  /**
   * Starts one call whose method's requests carry at most {@code maxCallsPerRequest} calls: the
   * run's adaptive policy sets it from the site's measured overhead and work, so that heavy calls
   * spread over the workers one per request while light ones share a record. Invokers that do not
   * batch ignore it.
   *
   * @param maxCallsPerRequest at least 1; larger than the dispatcher's own cap means no extra cap
   */
  default CompletableFuture<InvocationOutcome> invoke(RemoteCall call, int maxCallsPerRequest) {
    return invoke(call);
  }
}
