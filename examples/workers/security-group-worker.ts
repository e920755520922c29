/**
 * A second example worker, to show isolation: its entry in the shared secret is "SecurityGroupWorker"
 * (credentials for a ticketing system), and that entry is all `context.secrets` holds. It cannot reach
 * the GitHub keys or STARFLEET.SlackToken through the context, although all of them live in one secret
 * that was fetched once for every worker in the process.
 *
 * Offline on purpose: it flags ingress rules open to the world on admin ports and reports how many tickets
 * it would open, instead of opening them.
 */
import middy from "@middy/core";
import { starfleetSecrets } from "middy-starfleet-secrets";
import { logger } from "./logger.ts";

/** This worker's entry in the secret. */
export interface SecurityGroupSecrets {
  readonly TicketingApiToken: string;
  readonly TicketingUser: string;
}

export interface IngressRule {
  readonly groupId: string;
  readonly port: number;
  readonly cidr: string;
}

export interface SecurityGroupEvent {
  readonly accountId: string;
  readonly region: string;
  readonly rules: readonly IngressRule[];
}

export interface SecurityGroupResult {
  readonly accountId: string;
  /** Security groups with SSH or RDP open to the internet. */
  readonly flagged: readonly string[];
  /** One ticket per flagged group; 0 when the ticketing credentials are incomplete. */
  readonly wouldOpenTickets: number;
}

export const WORKER_NAME = "SecurityGroupWorker";

const ADMIN_PORTS = new Set([22, 3389]);
const THE_INTERNET = new Set(["0.0.0.0/0", "::/0"]);

export const handler = middy<SecurityGroupEvent, SecurityGroupResult>()
  .use(starfleetSecrets<SecurityGroupSecrets>({ workerName: WORKER_NAME, logger }))
  .handler(async (event, context) => {
    const flagged = [
      ...new Set(
        event.rules
          .filter((rule) => ADMIN_PORTS.has(rule.port) && THE_INTERNET.has(rule.cidr))
          .map((rule) => rule.groupId),
      ),
    ];
    const { TicketingApiToken, TicketingUser } = context.secrets;
    // A real worker would now POST one ticket per flagged group, authenticated with these credentials.
    const canTicket = Boolean(TicketingApiToken && TicketingUser);
    if (!canTicket) logger.warn(`${WORKER_NAME}: ticketing credentials incomplete; no tickets opened`);
    return { accountId: event.accountId, flagged, wouldOpenTickets: canTicket ? flagged.length : 0 };
  });
