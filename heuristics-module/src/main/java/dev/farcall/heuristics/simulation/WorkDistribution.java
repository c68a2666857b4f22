package dev.farcall.heuristics.simulation;

import java.util.Objects;

/**
 * The work of one call, drawn per call from a deterministic stream of random bits.
 *
 * @param shape the distribution's shape
 * @param meanNanos its mean, ns (&gt; 0)
 * @param sigma for LOGNORMAL the standard deviation of the logarithm; ignored otherwise
 */
public record WorkDistribution(Shape shape, double meanNanos, double sigma) {

  /** The distribution's shape. */
  public enum Shape {
    /** Every call takes the mean. */
    CONSTANT,
    /** Memoryless: many short calls, a few long ones. */
    EXPONENTIAL,
    /** Skewed: the logarithm is normal with standard deviation {@code sigma}. */
    LOGNORMAL
  }

  /** Validates the mean and sigma. */
  public WorkDistribution {
    Objects.requireNonNull(shape, "shape");
    if (!(meanNanos > 0) || Double.isInfinite(meanNanos)) {
      throw new IllegalArgumentException("meanNanos must be finite and > 0, was " + meanNanos);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and >= 0, was " + sigma);
    }
  }

  /** Every call takes {@code nanos}. */
  public static WorkDistribution constant(double nanos) {
    return new WorkDistribution(Shape.CONSTANT, nanos, 0);
  }

  /** Exponential with the given mean. */
  public static WorkDistribution exponential(double meanNanos) {
    return new WorkDistribution(Shape.EXPONENTIAL, meanNanos, 0);
  }

  /** Lognormal with the given mean and log-standard deviation. */
  public static WorkDistribution lognormal(double meanNanos, double sigma) {
    return new WorkDistribution(Shape.LOGNORMAL, meanNanos, sigma);
  }

  /** One draw from 64 random bits. */
  double sample(long bits) {
    return switch (shape) {
      case CONSTANT -> meanNanos;
      case EXPONENTIAL -> -meanNanos * Math.log(1 - uniform(bits >>> 32));
      case LOGNORMAL -> {
        // Box-Muller from the two halves of the bits
        double u1 = Math.max(uniform(bits >>> 32), 1e-12);
        double u2 = uniform(bits & 0xFFFFFFFFL);
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        double mu = Math.log(meanNanos) - sigma * sigma / 2;
        yield Math.exp(mu + sigma * z);
      }
    };
  }

  private static double uniform(long bits32) {
    return bits32 / 4294967296.0;
  }
}
