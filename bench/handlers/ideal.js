// Not a library: the floor for a middleware. A `before` that only defines context.secrets as a value, with
// the worker's entry already at hand (frozen, as ours hands it out) and the descriptor made once. Any
// middleware that puts the entry on the context does at least this on every warm invocation, because the
// Lambda context is a new object each time.
import middy from "@middy/core";
import { WORKER_ENTRY } from "../fixture.ts";

const secrets = { value: Object.freeze({ ...WORKER_ENTRY }), enumerable: false, configurable: true };

export const handler = middy()
  .use({
    before: function defineSecrets(request) {
      Object.defineProperty(request.context, "secrets", secrets);
    },
  })
  .handler(async (_event, context) => context.secrets);
