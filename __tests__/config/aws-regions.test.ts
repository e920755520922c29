import { describe, expect, it } from "@jest/globals";
import {
  AWS_PARTITIONS,
  AWS_REGION_DIRECTIONS,
  AWS_REGION_PREFIXES,
  explainAwsRegionName,
  isAwsRegionName,
  partitionOf,
  suggestAwsRegionName,
} from "../../src/config/aws-regions.js";

const REAL_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-central-2",
  "eu-north-1",
  "eu-south-2",
  "ap-southeast-5",
  "ap-southeast-7",
  "ap-northeast-3",
  "ap-east-2",
  "me-central-1",
  "il-central-1",
  "ca-west-1",
  "mx-central-1",
  "sa-east-1",
  "af-south-1",
  "us-gov-west-1",
  "us-gov-east-1",
  "cn-north-1",
  "cn-northwest-1",
  "us-iso-east-1",
  "us-iso-west-1",
  "us-isob-east-1",
  "us-isof-south-1",
  "eu-isoe-west-1",
  "eusc-de-east-1",
];

describe("isAwsRegionName", () => {
  it.each(REAL_REGIONS)("accepts %s", (name) => {
    expect(isAwsRegionName(name)).toBe(true);
  });

  it("accepts a future region number with two digits", () => {
    expect(isAwsRegionName("ap-southeast-12")).toBe(true);
  });

  it.each([
    ["us-east2", "missing dash before the number"],
    ["useast-1", "missing dash after the prefix"],
    ["us-east-01", "zero-padded number"],
    ["us-east-0", "number zero"],
    ["us-east-100", "three-digit number"],
    ["US-EAST-1", "upper case"],
    ["Us-East-1", "mixed case"],
    ["us-east-1 ", "trailing space"],
    [" us-east-1", "leading space"],
    ["us-east-1\n", "trailing newline"],
    ["us-middle-1", "unknown direction"],
    ["xx-east-1", "unknown prefix"],
    ["us-gov-1", "no direction"],
    ["us-east", "no number"],
    ["us-east-", "dash without number"],
    ["us--east-1", "double dash"],
    ["us_east_1", "underscores"],
    ["us-east-1a", "an availability zone, not a region"],
    ["us-east-1-", "trailing dash"],
    ["global", "not a region"],
    ["", "empty"],
    ["us-isoc-east-1", "unknown partition"],
    ["eusc-east-1", "sovereign cloud without its country"],
    ["arn:aws:secretsmanager:us-east-1:123456789012:secret:x", "an ARN"],
  ])("rejects %j (%s)", (name) => {
    expect(isAwsRegionName(name)).toBe(false);
  });

  it("rejects non-strings from plain JavaScript callers instead of throwing", () => {
    for (const value of [undefined, null, 1, ["us-east-1"], { region: "us-east-1" }]) {
      expect(isAwsRegionName(value as unknown as string)).toBe(false);
    }
  });

  it("accepts every prefix with every direction, so the lists and the pattern agree", () => {
    for (const prefix of AWS_REGION_PREFIXES) {
      for (const direction of AWS_REGION_DIRECTIONS) {
        expect(isAwsRegionName(`${prefix}-${direction}-1`)).toBe(true);
      }
    }
  });
});

describe("suggestAwsRegionName", () => {
  it.each([
    ["us-east2", "us-east-2"],
    ["useast-1", "us-east-1"],
    ["useast1", "us-east-1"],
    ["us-east-01", "us-east-1"],
    ["US-EAST-1", "us-east-1"],
    ["us-east-1 ", "us-east-1"],
    [" eu-west-1", "eu-west-1"],
    ["us_east_1", "us-east-1"],
    ["us east 1", "us-east-1"],
    ["us--east-1", "us-east-1"],
    ["usgovwest1", "us-gov-west-1"],
    ["us-gov-west1", "us-gov-west-1"],
    ["us-isob-east1", "us-isob-east-1"],
    ["ap-southeast5", "ap-southeast-5"],
    ["eusc-de-east1", "eusc-de-east-1"],
    ["cn-northwest1", "cn-northwest-1"],
  ])("suggests %j -> %s", (name, suggestion) => {
    expect(suggestAwsRegionName(name)).toBe(suggestion);
    expect(isAwsRegionName(suggestion)).toBe(true);
  });

  it.each(["us-middle-1", "xx-east-1", "us-east", "us-east-1a", "global", "", "us-east-100"])(
    "has no suggestion for %j",
    (name) => {
      expect(suggestAwsRegionName(name)).toBeUndefined();
    },
  );

  it("has no suggestion for a name that is already right", () => {
    expect(suggestAwsRegionName("us-east-1")).toBeUndefined();
  });

  it("has no suggestion for a non-string", () => {
    expect(suggestAwsRegionName(42 as unknown as string)).toBeUndefined();
  });
});

describe("explainAwsRegionName", () => {
  it("has nothing to say about a region name", () => {
    expect(explainAwsRegionName("eu-central-2")).toBeUndefined();
  });

  it("quotes the name and offers the obvious fix", () => {
    expect(explainAwsRegionName("us-east2")).toBe(
      '"us-east2" is not an AWS region name; did you mean "us-east-2"?',
    );
  });

  it("shows the trailing space it objects to", () => {
    expect(explainAwsRegionName("us-east-1 ")).toBe(
      '"us-east-1 " is not an AWS region name; did you mean "us-east-1"?',
    );
  });

  it("describes the shape of a region name when no fix is obvious", () => {
    expect(explainAwsRegionName("us-middle-1")).toBe(
      '"us-middle-1" is not an AWS region name. Region names look like us-east-2: a prefix (us, eu, ap, sa, ' +
        "ca, me, af, il, mx, cn, us-gov, us-iso, us-isob, us-isof, eu-isoe, eusc-de), a direction (north, " +
        "south, east, west, central, northeast, northwest, southeast, southwest) and a number, joined by " +
        "dashes, in lower case.",
    );
  });

  it("shortens a value longer than 60 characters in the message, and quotes one of 60 whole", () => {
    const explanation = explainAwsRegionName("x".repeat(500));

    expect(explanation).toContain(`"${"x".repeat(60)}..."`);
    expect(explanation).not.toContain("x".repeat(61));
    expect(explainAwsRegionName("y".repeat(60))).toMatch(/^"y{60}" is not/);
  });
});

describe("partitionOf: the partition whose ARNs a region's resources carry", () => {
  it.each([
    ["us-east-2", "aws"],
    ["il-central-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("%s is in %s", (region, partition) => {
    expect(isAwsRegionName(region)).toBe(true);
    expect(partitionOf(region)).toBe(partition);
  });

  it("is aws for a name no partition's prefix starts", () => {
    expect(partitionOf("xx-east-1")).toBe("aws");
    expect(partitionOf("usgov-west-1")).toBe("aws");
  });

  it("every region prefix belongs to a known partition", () => {
    for (const prefix of AWS_REGION_PREFIXES) {
      expect(AWS_PARTITIONS).toContain(partitionOf(`${prefix}-east-1`));
    }
    expect(new Set(AWS_REGION_PREFIXES.map((prefix) => partitionOf(`${prefix}-east-1`)))).toEqual(
      new Set(AWS_PARTITIONS),
    );
  });
});
