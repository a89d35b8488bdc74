/**
 * Salesforce's limit on the length of a SOQL statement, and queries by a list of values split to stay
 * within it. Pure.
 */

/**
 * Longest SOQL statement Salesforce accepts, in characters (SOQL and SOSL limits: "By default, 100,000
 * characters"); a longer one is refused with MALFORMED_QUERY. A query sent as GET /query?q= also has to fit
 * the 16,384 bytes Salesforce allows for URI and headers (help article 000386264): queries that grow with
 * the data go as composite subrequests, whose URL travels in the request body.
 */
export const MAX_SOQL_LENGTH = 100000;

/**
 * Length to keep a SOQL statement sent as GET /query?q= within: even with every character percent-encoded
 * (3 bytes each) its URL stays well inside the 16,384 bytes of URI and headers.
 */
export const MAX_GET_SOQL_LENGTH = 4000;

/**
 * `literals` (SOQL values, already quoted) as comma-separated lists of at most `room` characters each, in
 * order. No literals, no lists.
 */
export function inLists(literals: string[], room: number): string[] {
  const lists: string[] = [];
  let current = '';
  for (const literal of literals) {
    if (literal.length > room) {
      throw new Error(`A SOQL value of ${literal.length} characters does not fit in ${room}`);
    }
    if (current && current.length + 1 + literal.length > room) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${literal}` : literal;
  }
  if (current) lists.push(current);
  return lists;
}

/** The queries `build(list)` over `literals`, as few as fit, each within `maxLength` characters. */
export function inListQueries(
  literals: string[],
  build: (list: string) => string,
  maxLength = MAX_SOQL_LENGTH,
): string[] {
  return inLists(literals, maxLength - build('').length).map(build);
}
