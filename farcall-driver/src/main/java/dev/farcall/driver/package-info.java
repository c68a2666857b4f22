/**
 * The run driver: one JVM per run. {@link dev.farcall.driver.DriverMain} reads the run's spec from
 * standard input, downloads the program's jar with the run's credential, defines the program's
 * classes through the rewriting class loader ({@code rewrite}), binds its dispatchable call sites
 * to the site dispatcher ({@code sites}), opens its own dispatch core to the workers ({@code
 * cluster}), reports stats and decisions on the run-events topic ({@code report}), and runs the
 * program's {@code main} on the JVM's real main thread. Plain Java: no Spring, no coordinator code.
 */
package dev.farcall.driver;
