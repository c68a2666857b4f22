package dev.farcall.worker.objects;

import static dev.farcall.worker.objects.ObjectPrograms.PROGRAM;
import static dev.farcall.worker.objects.ObjectPrograms.call;
import static dev.farcall.worker.objects.ObjectPrograms.spec;
import static dev.farcall.worker.objects.ObjectPrograms.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.api.RemoteObjectLostException;
import dev.farcall.api.RemoteObjectLostException.Cause;
import dev.farcall.api.RemoteOptions;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.ObjectCaller;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestWorker;
import dev.farcall.worker.support.WorkerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker that holds an object is a real process and is killed (SIGKILL): the object's calls
 * fail with WORKER_LOST within their timeout, or, with a restart left, the object comes back with
 * fresh state on the surviving worker.
 */
class ObjectWorkerLossTests {

  private static final String TALLY = "demo.Tally";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private TestKafka kafka;
  private FakeCoordinator coordinator;
  private WorkerProcess doomed;
  private ConfigurableApplicationContext survivor;
  private ObjectCaller caller;

  @BeforeEach
  void start() throws Exception {
    kafka = new TestKafka(4);
    coordinator = new FakeCoordinator().serve(PROGRAM, ObjectPrograms.program().jarBytes());
    doomed = WorkerProcess.start(kafka, coordinator, "doomed", 2);
    survivor =
        TestWorker.start(
            kafka, coordinator, "survivor", 2, Files.createTempDirectory("survivor-cache"));
    caller = new ObjectCaller(kafka, 4);
    try {
      caller.awaitAlive("doomed", "survivor");
    } catch (RuntimeException e) {
      throw new AssertionError("workers did not come up; doomed said:\n" + doomed.output(), e);
    }
  }

  @AfterEach
  void stop() throws Exception {
    caller.close();
    doomed.close();
    survivor.close();
    coordinator.close();
    kafka.close();
  }

  private RemoteObject tallyOnDoomed(int maxRestarts) throws Exception {
    RemoteOptions options =
        RemoteOptions.defaults()
            .withPlacement("doomed")
            .withMaxRestarts(maxRestarts)
            .withCallTimeout(CALL_TIMEOUT);
    RemoteObject tally = caller.objects.create(spec(TALLY, 5, options)).get(30, TimeUnit.SECONDS);
    assertThat(tally.owner()).isEqualTo("doomed");
    return tally;
  }

  private static RemoteObjectLostException lossOf(CompletableFuture<InvocationOutcome> call) {
    // well within the call timeout: the loss is noticed from the heartbeats, not the deadline
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> call.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(RemoteObjectLostException.class);
    return (RemoteObjectLostException) e.getCause();
  }

  @Test
  void killingTheOwnerLosesItsObjectsWithWorkerLostOrRestartsThemFreshOnTheSurvivor()
      throws Exception {
    // one kill, two objects (starting a worker process is what costs here)
    RemoteObject once = tallyOnDoomed(0);
    RemoteObject restartable = tallyOnDoomed(1);
    assertThat(value(TALLY, "add", call(once, "add", "a", 1).get(30, TimeUnit.SECONDS)))
        .isEqualTo(6);
    call(restartable, "add", "a", 1).get(30, TimeUnit.SECONDS);
    CompletableFuture<InvocationOutcome> pendingOnce = call(once, "slowValue", 60_000L);
    CompletableFuture<InvocationOutcome> pendingRestartable =
        call(restartable, "slowValue", 60_000L);

    doomed.kill();

    RemoteObjectLostException inFlight = lossOf(pendingOnce);
    assertThat(inFlight.lossCause()).isEqualTo(Cause.WORKER_LOST);
    assertThat(inFlight.objectId()).isEqualTo(once.id());
    assertThat(inFlight.stateLost()).isFalse();
    RemoteObjectLostException later = lossOf(call(once, "value"));
    assertThat(later.lossCause()).isEqualTo(Cause.WORKER_LOST);
    assertThat(once.info().lastFailure()).contains("WORKER_LOST");

    RemoteObjectLostException restarted = lossOf(pendingRestartable);
    assertThat(restarted.lossCause()).isEqualTo(Cause.WORKER_LOST);
    assertThat(restarted.stateLost()).isTrue();
    assertThat(restarted.getMessage()).contains("fresh state");
    // made during or after the restart: it waits for the object, then runs on the new one
    InvocationOutcome after =
        call(restartable, "value").get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(value(TALLY, "value", after))
        .as("the constructor ran again: state is fresh")
        .isEqualTo(5);
    assertThat(after.result().getWorkerId().toString()).isEqualTo("survivor");
    assertThat(restartable.info().restarts()).isEqualTo(1);
  }
}
