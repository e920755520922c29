/**
 * AWS region name checks. A region typo in the Starfleet configuration otherwise surfaces much later as an
 * SDK endpoint error (or, worse, as a secret "not found" in a region nobody meant), so the loader rejects
 * names that cannot be regions, and suggests the fix when the typo is obvious.
 *
 * The rule is structural, not a list of today's regions, so a region AWS opens next year passes without a
 * release: `<prefix>-<direction>-<number>`, where
 * - prefix is one of {@link AWS_REGION_PREFIXES} (the partitions' region prefixes, from the AWS SDK's
 *   partition table: commercial, China, GovCloud, the ISO partitions and the European Sovereign Cloud);
 * - direction is one of {@link AWS_REGION_DIRECTIONS};
 * - number is 1 to 99 without a leading zero (AWS has never zero-padded, so `us-east-01` is a typo).
 */

// Each partition and the prefixes of its regions' names; ARNs in a partition start with `arn:PARTITION:`.
const REGION_PREFIXES_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
  "aws-cn": ["cn"],
  "aws-us-gov": ["us-gov"],
  "aws-iso": ["us-iso"],
  "aws-iso-b": ["us-isob"],
  "aws-iso-f": ["us-isof"],
  "aws-iso-e": ["eu-isoe"],
  "aws-eusc": ["eusc-de"],
};

/**
 * The prefixes AWS region names start with, one per geography or partition.
 */
export const AWS_REGION_PREFIXES: readonly string[] = Object.freeze(
  Object.values(REGION_PREFIXES_BY_PARTITION).flat(),
);

/** Every AWS partition name, as ARNs carry it. */
export const AWS_PARTITIONS: readonly string[] = Object.freeze(Object.keys(REGION_PREFIXES_BY_PARTITION));

/** The partition of a region name: the one with the longest region prefix it starts with. */
export function partitionOf(region: string): string {
  let best = { partition: "aws", length: 0 };
  for (const [partition, prefixes] of Object.entries(REGION_PREFIXES_BY_PARTITION)) {
    for (const prefix of prefixes) {
      if (region.startsWith(`${prefix}-`) && prefix.length > best.length)
        best = { partition, length: prefix.length };
    }
  }
  return best.partition;
}

/**
 * The direction words in AWS region names.
 */
export const AWS_REGION_DIRECTIONS: readonly string[] = Object.freeze([
  "north",
  "south",
  "east",
  "west",
  "central",
  "northeast",
  "northwest",
  "southeast",
  "southwest",
]);

const REGION_NAME = new RegExp(
  `^(?:${AWS_REGION_PREFIXES.join("|")})-(?:${AWS_REGION_DIRECTIONS.join("|")})-[1-9][0-9]?$`,
);

// The same shape with the dashes, case, spacing and zero padding taken out, to recognise a near miss.
const COMPACT_REGION_NAME = new RegExp(
  `^(${AWS_REGION_PREFIXES.map(compact).join("|")})(${AWS_REGION_DIRECTIONS.join("|")})0*([1-9][0-9]?)$`,
);

const PREFIX_BY_COMPACT_FORM = new Map(AWS_REGION_PREFIXES.map((prefix) => [compact(prefix), prefix]));

function compact(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, "");
}

/**
 * Whether `name` is a well-formed AWS region name (see the module comment for the rule). Exact: no
 * surrounding spaces, lower case only.
 */
export function isAwsRegionName(name: string): boolean {
  // Guarded for plain-JavaScript callers (the CLI passes user input through).
  return typeof name === "string" && REGION_NAME.test(name);
}

/**
 * The region name `name` was obviously meant to be, when it is a near miss of a well-formed name: a
 * missing or extra dash, upper case, underscores or spaces instead of dashes, surrounding spaces, a
 * zero-padded number. `undefined` when `name` is already well-formed or no single fix is obvious.
 */
export function suggestAwsRegionName(name: string): string | undefined {
  if (typeof name !== "string" || isAwsRegionName(name)) return undefined;
  const candidate = compact(name).replace(
    COMPACT_REGION_NAME,
    (_match, prefix: string, direction: string, number: string) =>
      `${PREFIX_BY_COMPACT_FORM.get(prefix)}-${direction}-${number}`,
  );
  // Without a match the candidate is the dashless compact form, which is never a region name.
  return isAwsRegionName(candidate) ? candidate : undefined;
}

/**
 * Why `name` is not an AWS region name, with the fix, as one sentence for an error message; `undefined`
 * when it is one. Quotes `name` (region names are not secret).
 */
export function explainAwsRegionName(name: string): string | undefined {
  if (isAwsRegionName(name)) return undefined;
  const quoted = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}...` : name);
  const suggestion = suggestAwsRegionName(name);
  if (suggestion !== undefined) return `${quoted} is not an AWS region name; did you mean "${suggestion}"?`;
  return (
    `${quoted} is not an AWS region name. Region names look like us-east-2: a prefix ` +
    `(${AWS_REGION_PREFIXES.join(", ")}), a direction (${AWS_REGION_DIRECTIONS.join(", ")}) and a number, ` +
    "joined by dashes, in lower case."
  );
}
