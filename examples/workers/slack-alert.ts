/**
 * Starfleet-style Slack alerts with `getSlackToken()`: the token is `STARFLEET.SlackToken` from the shared
 * secret, read through the same per-container store as the workers' middleware, so an alert costs no extra
 * GetSecretValue call in a container whose worker already has its secrets.
 *
 * The alert is only sent when STARFLEET_SEND_SLACK_ALERTS is "true" (the SAM template sets it); otherwise
 * it returns the request it would have sent. Either way the result is safe to log: the token is masked.
 */
import { getSlackToken, StarfleetSecretsError } from "middy-starfleet-secrets";
import { logger } from "./logger.ts";

export const SLACK_POST_MESSAGE_URL = "https://slack.com/api/chat.postMessage";
/** Set to "true" to really post alerts. `npm start` (examples/run-local.ts) always unsets it. */
export const SEND_FLAG = "STARFLEET_SEND_SLACK_ALERTS";

export interface SlackAlert {
  /** Channel name or id, e.g. the worker's `AlertConfiguration.ChannelId`. */
  readonly channel: string;
  readonly text: string;
}

/** The chat.postMessage request, with the token replaced by its length. */
export interface SlackRequestPreview {
  readonly method: "POST";
  readonly url: string;
  readonly headers: { readonly authorization: string; readonly "content-type": string };
  readonly body: { readonly channel: string; readonly text: string };
}

export interface SlackAlertResult {
  readonly sent: boolean;
  /** Absent when the token could not be read. */
  readonly request?: SlackRequestPreview;
  /** Why it was not sent. Never contains the token. */
  readonly reason?: string;
}

const CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Posts `alert` to Slack, or only builds the request when the send flag is not set. Never throws: an alert
 * that cannot be sent must not fail the worker that raised it, so failures come back as `reason`.
 */
export async function sendSlackAlert(alert: SlackAlert): Promise<SlackAlertResult> {
  let token: string;
  try {
    token = await getSlackToken({ logger });
  } catch (error) {
    // StarfleetSecretsError messages name the secret, region and fix; never a value.
    const reason = error instanceof StarfleetSecretsError ? `${error.code}: ${error.message}` : String(error);
    logger.warn("Slack alert not sent: no Slack token", { reason });
    return { sent: false, reason };
  }

  const body = { channel: alert.channel, text: alert.text };
  const request: SlackRequestPreview = {
    method: "POST",
    url: SLACK_POST_MESSAGE_URL,
    headers: { authorization: `Bearer <SlackToken, ${token.length} chars>`, "content-type": CONTENT_TYPE },
    body,
  };
  if (process.env[SEND_FLAG] !== "true") {
    return { sent: false, request, reason: `${SEND_FLAG} is not "true"` };
  }

  try {
    const response = await fetch(SLACK_POST_MESSAGE_URL, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": CONTENT_TYPE },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    // Slack answers 200 with { ok: false, error: "channel_not_found" } for most failures.
    const answer = (await response.json()) as { ok?: boolean; error?: string };
    if (answer.ok === true) return { sent: true, request };
    return { sent: false, request, reason: `Slack answered ${answer.error ?? `HTTP ${response.status}`}` };
  } catch (error) {
    const reason = `could not reach Slack (${error instanceof Error ? error.name : typeof error})`;
    logger.warn("Slack alert not sent", { reason });
    return { sent: false, request, reason };
  }
}
