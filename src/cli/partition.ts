/**
 * AWS partitions: ARNs in China, GovCloud and the isolated regions do not start with `arn:aws:`. Shared by
 * the policies the CLI builds (from a region) and the role ARNs it checks (against the known names).
 */

/** Region prefix and partition, most specific first (`us-isob-` before `us-iso-`). */
const REGION_PREFIXES: readonly (readonly [string, string])[] = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["us-iso-", "aws-iso"],
  ["eu-isoe-", "aws-iso-e"],
  ["eusc-", "aws-eusc"],
];

/** Every partition name an ARN may carry. */
export const PARTITIONS: readonly string[] = ["aws", ...REGION_PREFIXES.map(([, partition]) => partition)];

/** The partition of a region. */
export function partitionOf(region: string): string {
  return REGION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}
