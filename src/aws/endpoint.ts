/**
 * Where a client sends its requests (`host:port`), so that a failure whose error names no address (a
 * connect timeout, a hung connection) can still say which endpoint it could not reach. Read from the
 * request the SDK built, so it is the endpoint the SDK resolved (`AWS_ENDPOINT_URL_SECRETS_MANAGER`, an
 * `endpoint` option, or the region's own), found without any network call.
 */

interface RequestLike {
  readonly hostname?: unknown;
  readonly port?: unknown;
  readonly protocol?: unknown;
}

interface ClientWithStack {
  readonly middlewareStack?: {
    add(
      middleware: (
        next: (args: { request?: unknown }) => unknown,
      ) => (args: { request?: unknown }) => unknown,
      options: { step: "build"; name: string },
    ): void;
  };
}

const endpoints = new WeakMap<object, string>();

/** `host:port`, with an IPv6 address in brackets (`[::1]:4567`). */
export function hostAndPort(host: string, port: number): string {
  return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

function requestEndpoint({ hostname, port, protocol }: RequestLike): string | undefined {
  if (typeof hostname !== "string") return undefined;
  return hostAndPort(hostname, typeof port === "number" ? port : protocol === "http:" ? 80 : 443);
}

/** Makes `client` remember where it sends requests (a client without a middleware stack, a test double, never does). */
export function recordEndpoint<T extends object>(client: T): T {
  (client as ClientWithStack).middlewareStack?.add(
    (next) => (args) => {
      const endpoint =
        typeof args.request === "object" && args.request !== null ? requestEndpoint(args.request) : undefined;
      if (endpoint !== undefined) endpoints.set(client, endpoint);
      return next(args);
    },
    { step: "build", name: "starfleetSecretsEndpoint" },
  );
  return client;
}

/** Where `client` last sent a request, when it was made by {@link recordEndpoint}. */
export function endpointOf(client: object): string | undefined {
  return endpoints.get(client);
}
