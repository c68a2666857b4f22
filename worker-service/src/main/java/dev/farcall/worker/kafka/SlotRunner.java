package dev.farcall.worker.kafka;

import dev.farcall.model.wire.InvocationResult;
import dev.farcall.worker.invoke.CallExecutor;
import dev.farcall.worker.invoke.ExecutionSlots;

/**
 * Runs the queued calls in the {@link ExecutionSlots}: starts a slot per queued call while slots
 * are free, and a slot runs queued calls one after another until the queue is empty, so a busy
 * worker hands no call from thread to thread. Each call's result goes to the {@link ReplySender}.
 */
final class SlotRunner {

  private final ExecutionSlots slots;
  private final CallExecutor executor;
  private final CallQueue calls;
  private final ReplySender replies;
  private final PollSignals signals;

  SlotRunner(
      ExecutionSlots slots,
      CallExecutor executor,
      CallQueue calls,
      ReplySender replies,
      PollSignals signals) {
    this.slots = slots;
    this.executor = executor;
    this.calls = calls;
    this.replies = replies;
    this.signals = signals;
    this.slots.onSlotFreed(this::slotFreed);
  }

  /**
   * Starts a slot per queued call while slots are free; each serves the queue until it is empty.
   */
  void startSlots() {
    int idle = slots.capacity() - slots.busy();
    for (int i = Math.min(idle, calls.queued()); i > 0 && !signals.stopping(); i--) {
      if (!slots.tryRun(this::serveQueue)) {
        return;
      }
    }
  }

  /**
   * On a slot thread, after its slot was released: a call queued while the slot was leaving would
   * otherwise wait for the poll thread's next turn.
   */
  private void slotFreed() {
    if (calls.queued() > 0) {
      startSlots();
    }
    signals.wake();
  }

  /** On a slot thread: runs queued calls until none is left (or the worker stops). */
  private void serveQueue() {
    while (!signals.stopping()) {
      // Counted before taking, so that draining never sees a taken call as settled.
      replies.expectReply();
      PendingCall call = calls.take();
      if (call == null) {
        replies.dropExpectedReply();
        return;
      }
      runAndReply(call);
    }
  }

  /** Executes one call, then sends the reply; the record is done once it is acknowledged. */
  private void runAndReply(PendingCall call) {
    if (replies.nobodyWaits(call)) {
      return;
    }
    InvocationResult result;
    try {
      result = executor.execute(call.request(), call.call());
    } catch (RuntimeException | Error e) {
      // Whatever happened, the slot's accounting must settle, or draining would wait forever.
      replies.undelivered(call, e);
      return;
    }
    replies.reply(call, result);
  }
}
