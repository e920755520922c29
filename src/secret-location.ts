/** Which secret, where: the store's key and every error's "where". */
export interface SecretLocation {
  readonly secretId: string;
  readonly region: string;
  /** The worker asking, for error messages and log lines. */
  readonly workerName?: string;
}
