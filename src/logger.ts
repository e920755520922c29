import type { StarfleetLogger } from "./types/options.js";

/**
 * The default logger: warnings (a refresh failed, a stale value is served) go to the console; debug lines
 * only go to a logger the user passes, so a cold start does not print a line of ours to CloudWatch.
 */
export const warningsToConsole: StarfleetLogger = {
  warn: (message, ...details) => console.warn(message, ...details),
};
