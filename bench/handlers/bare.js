// The floor: a Middy handler with no middleware, doing what the others do minus fetching a secret.
import middy from "@middy/core";

export const handler = middy().handler(async () => ({ "my-org": "no secret" }));
