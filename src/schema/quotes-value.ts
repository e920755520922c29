/*
 * Some validators put the value they received into their messages (valibot: `but received "MIIEvQ..."`;
 * arktype: `(was "...")`), and a schema's own refinements and thrown errors can say anything. Before a
 * validator's text reaches an error or a log line it is checked against every value in the worker's entry,
 * and withheld if it may quote any part of one. "Part" is read conservatively:
 *
 * - every scalar counts, in its textual form: strings, numbers as `String(n)` prints them, booleans;
 *   strings both as stored and JSON-escaped (a validator printing `"line\\nline"`);
 * - a form of 4 or more characters leaks if any 4 consecutive characters of it appear in the text;
 * - a shorter form leaks if it appears in the text as a whole word (not inside a longer run of letters or
 *   digits), so a value "on" withholds `received "on"` but not "option";
 * - anything the text quotes (between double, single or back quotes), however short, leaks if it is part of
 *   a value: validators quote what they received, and some quote only its first characters (valibot's
 *   `startsWith("pw-")` says `but received "pa5"`);
 * - case is ignored (a validator may change it).
 *
 * Keys are not values: paths name them, as `starfleet-secrets show` does. A false alarm costs only the
 * validator's wording (the path is still given); a miss would leak, so the rule errs that way. What it cannot
 * see: text a schema derives from a value by more than escaping (a decoded or hashed form), and parts
 * shorter than 4 characters of a longer value.
 */

const MIN_RUN = 4;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const QUOTED = /"([^"]+)"|'([^']+)'|`([^`]+)`/g;

/** Whether `text` may contain part of a value of `entry`. */
export type QuoteCheck = (text: string) => boolean;

function textualForms(value: unknown): string[] {
  if (typeof value === "string") return [value, JSON.stringify(value).slice(1, -1)];
  // The entry comes from JSON: no other kind of value has text.
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  return [];
}

function isWordAt(text: string, index: number): boolean {
  const char = text[index];
  return char !== undefined && WORD_CHAR.test(char);
}

function containsAsWord(text: string, word: string): boolean {
  const edgesAreWordChars = isWordAt(word, 0) || isWordAt(word, word.length - 1);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!edgesAreWordChars) return true;
    if (!isWordAt(text, at - 1) && !isWordAt(text, at + word.length)) return true;
  }
  return false;
}

/**
 * A check of texts against every value in `entry` (walked iteratively: a secret may nest deeply). Built once
 * per failed validation, never on the warm path.
 */
export function createQuoteCheck(entry: unknown): QuoteCheck {
  const runs = new Set<string>();
  const shortForms = new Set<string>();
  const allForms: string[] = [];
  const pending: unknown[] = [entry];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "object" && value !== null) {
      for (const child of Object.values(value)) pending.push(child);
      continue;
    }
    for (const form of textualForms(value)) {
      const lower = form.toLowerCase();
      allForms.push(lower);
      if (lower.length >= MIN_RUN) {
        for (let at = 0; at + MIN_RUN <= lower.length; at++) runs.add(lower.slice(at, at + MIN_RUN));
      } else if (lower.length > 0) {
        shortForms.add(lower);
      }
    }
  }
  return function quotesValue(text) {
    const lower = text.toLowerCase();
    for (let at = 0; at + MIN_RUN <= lower.length; at++) {
      if (runs.has(lower.slice(at, at + MIN_RUN))) return true;
    }
    for (const form of shortForms) {
      if (containsAsWord(lower, form)) return true;
    }
    for (const [, ...quotes] of lower.matchAll(QUOTED)) {
      const quoted = quotes.find((text) => text !== undefined) as string;
      if (allForms.some((form) => form.includes(quoted))) return true;
    }
    return false;
  };
}
