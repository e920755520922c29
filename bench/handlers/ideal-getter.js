// Not a library: ideal.js with the entry behind a getter, as middy-starfleet-secrets defines it (so that
// util.inspect with showHidden prints [Getter], not the entry). Shows what the getter itself costs.
import middy from "@middy/core";
import { WORKER_ENTRY } from "../fixture.ts";

const entry = Object.freeze({ ...WORKER_ENTRY });
const secrets = {
  get: function secrets() {
    return entry;
  },
  enumerable: false,
  configurable: true,
};

export const handler = middy()
  .use({
    before: function defineSecrets(request) {
      Object.defineProperty(request.context, "secrets", secrets);
    },
  })
  .handler(async (_event, context) => context.secrets);
