package dev.farcall.heuristics.simulation;

import java.util.Arrays;

/**
 * Home's cores shared equally by the runnable jobs (egalitarian processor sharing): with n jobs on
 * c cores each progresses at {@code min(1, c / n)} ns of work per ns. Kept in virtual time (the
 * work each job has received so far) so a start or a completion costs O(log n), not O(n): a job
 * finishes when the virtual time reaches its start's virtual time plus its work.
 */
final class ProcessorSharing {
  private final int cores;
  private double virtual;
  private long clock;
  private double jobNanos;
  private double busyCoreNanos;

  private double[] finish = new double[64];
  private int[] jobs = new int[64];
  private int size;

  ProcessorSharing(int cores) {
    this.cores = cores;
  }

  /** Moves the clock to {@code now} (never backwards). */
  void advanceTo(long now) {
    if (now <= clock) {
      return;
    }
    long elapsed = now - clock;
    if (size > 0) {
      virtual += elapsed * rate();
      jobNanos += (double) size * elapsed;
      busyCoreNanos += (double) Math.min(size, cores) * elapsed;
    }
    clock = now;
  }

  private double rate() {
    return size <= cores ? 1.0 : (double) cores / size;
  }

  /** Starts a job of {@code work} ns of CPU at {@code now}. */
  void start(int job, double work, long now) {
    advanceTo(now);
    push(virtual + work, job);
  }

  /** When the next job finishes, or {@link Long#MAX_VALUE} when none runs. */
  long nextCompletion() {
    if (size == 0) {
      return Long.MAX_VALUE;
    }
    double need = finish[0] - virtual;
    return need <= 0 ? clock : clock + (long) Math.ceil(need / rate());
  }

  /** Removes and returns the job that finishes first; call at {@link #nextCompletion()}. */
  int complete(long now) {
    advanceTo(now);
    return pop();
  }

  /** Work each running job has received since the start, ns. */
  double virtualTime() {
    return virtual;
  }

  /** Jobs running now. */
  int active() {
    return size;
  }

  /** The i-th running job (any order), for accounting. */
  int job(int i) {
    return jobs[i];
  }

  /** Runnable jobs integrated over time, job·ns. */
  double jobNanos() {
    return jobNanos;
  }

  /** Busy cores integrated over time, core·ns: the CPU time home spent. */
  double busyCoreNanos() {
    return busyCoreNanos;
  }

  private void push(double key, int job) {
    if (size == finish.length) {
      finish = Arrays.copyOf(finish, size * 2);
      jobs = Arrays.copyOf(jobs, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (finish[parent] <= key) {
        break;
      }
      finish[i] = finish[parent];
      jobs[i] = jobs[parent];
      i = parent;
    }
    finish[i] = key;
    jobs[i] = job;
  }

  private int pop() {
    int top = jobs[0];
    size--;
    if (size > 0) {
      double key = finish[size];
      int job = jobs[size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && finish[child + 1] < finish[child]) {
          child++;
        }
        if (finish[child] >= key) {
          break;
        }
        finish[i] = finish[child];
        jobs[i] = jobs[child];
        i = child;
      }
      finish[i] = key;
      jobs[i] = job;
    }
    return top;
  }
}
