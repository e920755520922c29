export { DEFAULT_CLIENT_OPTIONS } from "./aws/secrets-manager-client.js";
export { loadStarfleetConfig } from "./config/load-config.js";
export {
  STARFLEET_SECRETS_ERROR_CODES,
  StarfleetConfigError,
  type StarfleetConfigIssue,
  StarfleetSecretsError,
  type StarfleetSecretsErrorCode,
  type StarfleetSecretsErrorDetails,
} from "./errors.js";
export {
  type LambdaContext,
  type StarfleetSecretsContext,
  type StarfleetSecretsMiddleware,
  starfleetSecrets,
} from "./middleware.js";
export { getSlackToken } from "./slack/slack-token.js";
export {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  clearStarfleetSecretsCache,
  DEADLINE_MARGIN_MS,
  EXPIRY_SPREAD,
  MAX_FETCH_MS,
  MISS_REFETCH_INTERVAL_MS,
  STALE_WAIT_MS,
} from "./store/secret-store.js";
export type {
  LoadStarfleetConfigOptions,
  StarfleetConfig,
  StarfleetLogLevel,
  StarfleetSecretsManagerConfig,
  StarfleetStanza,
} from "./types/config.js";
export type { DeepReadonly } from "./types/deep-readonly.js";
export type {
  SecretsAccessOptions,
  SecretsManagerClientClass,
  SlackTokenOptions,
  StarfleetConfigSource,
  StarfleetLogger,
  StarfleetSecretsOptions,
} from "./types/options.js";
