package dev.farcall.driver;

import java.nio.file.Path;

/**
 * Sends the driver's own log (its classes', Kafka's) to a file: the process's standard output and
 * standard error belong to the program. slf4j-simple reads these properties when the first logger
 * is made, so this must run before anything logs.
 */
final class DriverLogging {

  private DriverLogging() {}

  static void toFile(Path file) {
    System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
  }
}
