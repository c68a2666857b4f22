package dev.farcall.worker.kafka;

import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;

/** One call of a polled request, waiting for or holding a slot. */
record PendingCall(InvocationRequest request, Call call, RecordProgress progress) {}
