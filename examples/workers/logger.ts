/**
 * A logger for the example workers that honours Starfleet's `STARFLEET.LogLevel` (Python level names), so
 * the middleware's debug lines ("fetched the secret", with the secret id, region and worker — never a
 * value) only show up with `LogLevel: DEBUG`. Any object with `warn` (and optionally `info` and `debug`)
 * works as the middleware's `logger`: console, Powertools Logger, pino.
 */
import { loadStarfleetConfig, type StarfleetLogger, type StarfleetLogLevel } from "middy-starfleet-secrets";

const SEVERITY: Readonly<Record<StarfleetLogLevel, number>> = {
  NOTSET: 0,
  DEBUG: 10,
  INFO: 20,
  WARNING: 30,
  ERROR: 40,
  CRITICAL: 50,
};

function configuredSeverity(): number {
  try {
    // Memoized by the package: the configuration folder is read once per container.
    return SEVERITY[loadStarfleetConfig().STARFLEET.LogLevel];
  } catch {
    // A broken configuration is reported by the middleware on the first invocation; log at INFO meanwhile.
    return SEVERITY.INFO;
  }
}

export const logger: StarfleetLogger = {
  debug: (message, ...details) => {
    if (configuredSeverity() <= SEVERITY.DEBUG) console.debug(message, ...details);
  },
  info: (message, ...details) => {
    if (configuredSeverity() <= SEVERITY.INFO) console.info(message, ...details);
  },
  warn: (message, ...details) => {
    if (configuredSeverity() <= SEVERITY.WARNING) console.warn(message, ...details);
  },
};
