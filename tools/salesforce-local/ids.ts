// Salesforce record ids: 15 case-sensitive base-62 characters (3-character key prefix of the object, then
// the record part) followed, in the 18-character form, by a 3-character case-safe suffix. Each suffix
// character encodes which of 5 characters of the 15 are upper-case letters (first character = lowest bit),
// as an index into A-Z0-5. Both forms are accepted as input; the 18-character form is always returned.

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_SHAPE = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(bits);
  }
  return suffix;
}

/** Canonical 18-character id, or undefined when the value is not shaped like an id. */
export function toId18(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ID_SHAPE.test(value)) return undefined;
  if (value.length === 15) return value + caseSafeSuffix(value);
  // The suffix restores the case of the first 15 characters (an 18-character id survives case-insensitive
  // handling); a suffix that is not made of suffix characters makes the id malformed.
  const suffix = value.slice(15).toUpperCase();
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_CHARS.indexOf(suffix.charAt(chunk));
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = value.charAt(chunk * 5 + i);
      id15 += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return id15 + caseSafeSuffix(id15);
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Makes ids like a real org: key prefix, a 2-character pod, a reserved 0, then a 9-character counter. */
export class IdGenerator {
  private counter = 0;

  constructor(private readonly pod = '8d') {}

  next(keyPrefix: string): string {
    this.counter += 1;
    let n = this.counter;
    let digits = '';
    for (let i = 0; i < 9; i++) {
      digits = BASE62.charAt(n % 62) + digits;
      n = Math.floor(n / 62);
    }
    const id15 = `${keyPrefix}${this.pod}0${digits}`;
    return id15 + caseSafeSuffix(id15);
  }

  /** A random-looking 15-character token with a given prefix (query locators, org ids). */
  static random(prefix: string, length = 15): string {
    let s = prefix;
    while (s.length < length) s += BASE62.charAt(Math.floor(Math.random() * 62));
    return s;
  }
}
