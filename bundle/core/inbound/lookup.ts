/**
 * Which NetSuite record a Salesforce record belongs to. Lookups run in a fixed order — the NetSuite ID the
 * Salesforce record carries, then the Salesforce ID stored on NetSuite records, then the configurable
 * secondary lookup (name for customers, e-mail for contacts) — and stop at the first that answers. Several
 * candidates at one step are an error that names them: guessing would write into the wrong record.
 */

export interface Candidate {
  id: string;
  /** What an administrator recognises the record by (customer name, contact name and e-mail). */
  label: string;
  /** Salesforce ID stored on the NetSuite record ('' when not linked). */
  linkedTo: string;
}

export type Match =
  | { kind: 'found'; id: string; via: 'NetSuite ID' | 'Salesforce ID' | 'name' | 'e-mail' }
  | { kind: 'none' }
  | { kind: 'error'; code: 'SFSYNC_AMBIGUOUS_MATCH' | 'SFSYNC_LINK_CONFLICT'; message: string };

export interface MatchInput {
  /** 'customer' or 'contact', for messages. */
  recordLabel: string;
  salesforceLabel: string;
  salesforceId: string;
  /** The record named by the Salesforce record's NetSuite ID, when it exists. */
  byNetsuiteId: Candidate | null;
  /** Records whose stored Salesforce ID is this record's. */
  bySalesforceId: Candidate[];
  /** Results of the secondary lookup (empty when it is turned off). */
  bySecondary: Candidate[];
  secondary: 'name' | 'e-mail';
  /** The value looked up by, for messages. */
  secondaryValue: string;
}

function list(candidates: Candidate[]): string {
  const shown = candidates.slice(0, 10).map((c) => `${c.label} (internal ID ${c.id})`);
  return shown.join(', ') + (candidates.length > 10 ? ` and ${candidates.length - 10} more` : '');
}

export function pickMatch(input: MatchInput): Match {
  const { recordLabel, salesforceLabel, salesforceId } = input;
  if (input.byNetsuiteId) {
    const c = input.byNetsuiteId;
    if (c.linkedTo && c.linkedTo !== salesforceId) {
      return {
        kind: 'error',
        code: 'SFSYNC_LINK_CONFLICT',
        message: `The ${salesforceLabel}'s NetSuite ID points at ${recordLabel} ${c.label} (internal ID ${c.id}), which is linked to another Salesforce record (${c.linkedTo}). Correct the NetSuite ID on the ${salesforceLabel} or the link on the ${recordLabel}; nothing was written.`,
      };
    }
    return { kind: 'found', id: c.id, via: 'NetSuite ID' };
  }
  if (input.bySalesforceId.length === 1)
    return { kind: 'found', id: input.bySalesforceId[0]!.id, via: 'Salesforce ID' };
  if (input.bySalesforceId.length > 1) {
    return {
      kind: 'error',
      code: 'SFSYNC_AMBIGUOUS_MATCH',
      message: `Several NetSuite ${recordLabel}s are linked to ${salesforceLabel} ${salesforceId}: ${list(input.bySalesforceId)}. Keep the link on one of them (clear it on the others); nothing was written.`,
    };
  }
  const free = input.bySecondary.filter((c) => !c.linkedTo || c.linkedTo === salesforceId);
  if (free.length === 1) return { kind: 'found', id: free[0]!.id, via: input.secondary };
  if (free.length > 1) {
    const what = input.secondary === 'name' ? 'named' : 'with the e-mail';
    return {
      kind: 'error',
      code: 'SFSYNC_AMBIGUOUS_MATCH',
      message: `Several NetSuite ${recordLabel}s are ${what} ${JSON.stringify(input.secondaryValue)}: ${list(free)}. Put the internal ID of the right one in the ${salesforceLabel}'s NetSuite ID field (or make the others differ); nothing was written.`,
    };
  }
  return { kind: 'none' };
}
