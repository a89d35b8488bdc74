/**
 * Go-live linking: which NetSuite record is which Salesforce record, before any sync runs. Pure.
 *
 * Order of evidence, per kind (customers ↔ Accounts, contacts ↔ Contacts, items ↔ Product2):
 * 1. IDs already stored: the Salesforce record's NetSuite_Id__c, and the Salesforce ID kept on the NetSuite
 *    record. A pair named from either side is a match; a record that two pairs claim is ambiguous. An ID
 *    that names a record which does not exist is reported, and replaced only when the other side names a
 *    valid partner.
 * 2. The configured lookup among the records no ID claims: customer name (within the subsidiary when one is
 *    chosen), contact e-mail, item name = Product2.ProductCode. Compared trimmed, without case, spaces
 *    collapsed. Exactly one record on each side is a match; more than one on either side is ambiguous.
 * Ambiguous records are listed with their candidates and are never linked automatically.
 */

export type LinkKind = 'customer' | 'contact' | 'item';

export interface NetSuiteSide {
  id: string;
  /** What people recognise it by (customer name, contact name, item name). */
  label: string;
  /** The lookup value (name, e-mail, item name); '' when the record has none. */
  key: string;
  /** Salesforce ID stored on the record ('' when not linked). */
  linkedTo: string;
  /** NetSuite record type for writes (customer, contact, inventoryitem, …). */
  recordType: string;
  /** Subsidiary internal ID ('' when unknown); shown with customers' candidates. */
  subsidiary: string;
}

export interface SalesforceSide {
  id: string;
  label: string;
  key: string;
  /** NetSuite_Id__c ('' when empty). */
  netsuiteId: string;
}

export type MatchVia = 'already linked' | 'NetSuite ID' | 'Salesforce ID' | 'name' | 'e-mail' | 'item name';

export interface Matched {
  netsuite: NetSuiteSide;
  salesforce: SalesforceSide;
  via: MatchVia;
  /** NetSuite_Id__c must be written on the Salesforce record. */
  writeSalesforce: boolean;
  /** The Salesforce ID must be written on the NetSuite record. */
  writeNetSuite: boolean;
}

export interface Ambiguous {
  /** Why it cannot be decided, in plain words. */
  reason: string;
  netsuite: NetSuiteSide[];
  salesforce: SalesforceSide[];
}

export interface Unmatched<T> {
  record: T;
  reason: string;
}

export interface MatchReport {
  kind: LinkKind;
  matched: Matched[];
  ambiguous: Ambiguous[];
  unmatchedNetSuite: Array<Unmatched<NetSuiteSide>>;
  unmatchedSalesforce: Array<Unmatched<SalesforceSide>>;
}

export const LOOKUP_NAME: Record<LinkKind, 'name' | 'e-mail' | 'item name'> = {
  customer: 'name',
  contact: 'e-mail',
  item: 'item name',
};

const SALESFORCE_LABEL: Record<LinkKind, string> = {
  customer: 'Account',
  contact: 'Contact',
  item: 'Product',
};

/** The lookup value as compared: trimmed, lower case, inner spaces collapsed. */
export function normalise(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

function pairKey(ns: string, sf: string): string {
  return `${ns}\u0000${sf}`;
}

export function matchRecords(
  kind: LinkKind,
  netsuite: NetSuiteSide[],
  salesforce: SalesforceSide[],
): MatchReport {
  const report: MatchReport = {
    kind,
    matched: [],
    ambiguous: [],
    unmatchedNetSuite: [],
    unmatchedSalesforce: [],
  };
  const nsById = new Map(netsuite.map((n) => [n.id, n]));
  const sfById = new Map(salesforce.map((s) => [s.id, s]));
  // Salesforce IDs may be stored in their 15-character form on either side.
  const sfByShortId = new Map(salesforce.map((s) => [s.id.slice(0, 15), s]));
  const sfFor = (id: string) => sfById.get(id) ?? sfByShortId.get(id.slice(0, 15));

  // 1. Pairs named by stored IDs, from either side.
  const pairs = new Map<string, { ns: NetSuiteSide; sf: SalesforceSide; fromSf: boolean; fromNs: boolean }>();
  const staleNs = new Map<string, string>();
  const staleSf = new Map<string, string>();
  for (const s of salesforce) {
    if (!s.netsuiteId) continue;
    const n = nsById.get(s.netsuiteId);
    if (!n) {
      staleSf.set(
        s.id,
        `Its NetSuite_Id__c ${s.netsuiteId} names no NetSuite ${kind} in scope (deleted, inactive or in another subsidiary); correct or clear it in Salesforce.`,
      );
      continue;
    }
    const key = pairKey(n.id, s.id);
    const pair = pairs.get(key) ?? { ns: n, sf: s, fromSf: false, fromNs: false };
    pair.fromSf = true;
    pairs.set(key, pair);
  }
  for (const n of netsuite) {
    if (!n.linkedTo) continue;
    const s = sfFor(n.linkedTo);
    if (!s) {
      staleNs.set(
        n.id,
        `It is linked to Salesforce ${SALESFORCE_LABEL[kind]} ${n.linkedTo}, which does not exist; clear the link or restore the record.`,
      );
      continue;
    }
    const key = pairKey(n.id, s.id);
    const pair = pairs.get(key) ?? { ns: n, sf: s, fromSf: false, fromNs: false };
    pair.fromNs = true;
    pairs.set(key, pair);
  }

  const nsPartners = new Map<string, Set<string>>();
  const sfPartners = new Map<string, Set<string>>();
  for (const p of pairs.values()) {
    if (!nsPartners.has(p.ns.id)) nsPartners.set(p.ns.id, new Set());
    if (!sfPartners.has(p.sf.id)) sfPartners.set(p.sf.id, new Set());
    nsPartners.get(p.ns.id)!.add(p.sf.id);
    sfPartners.get(p.sf.id)!.add(p.ns.id);
  }
  // A stale ID the other side has already corrected is replaced by the match, not reported.
  for (const id of nsPartners.keys()) staleNs.delete(id);
  for (const id of sfPartners.keys()) staleSf.delete(id);
  const claimedNs = new Set<string>([...nsPartners.keys(), ...staleNs.keys()]);
  const claimedSf = new Set<string>([...sfPartners.keys(), ...staleSf.keys()]);

  const conflictSeen = new Set<string>();
  for (const p of pairs.values()) {
    const nsCount = nsPartners.get(p.ns.id)!.size;
    const sfCount = sfPartners.get(p.sf.id)!.size;
    if (nsCount === 1 && sfCount === 1) {
      report.matched.push({
        netsuite: p.ns,
        salesforce: p.sf,
        via: p.fromSf && p.fromNs ? 'already linked' : p.fromSf ? 'NetSuite ID' : 'Salesforce ID',
        writeSalesforce: !p.fromSf,
        writeNetSuite: !p.fromNs,
      });
      continue;
    }
    // A conflict: gather every record connected to this one through stored IDs, once.
    const group = connected(p.ns.id, nsPartners, sfPartners);
    const id = [...group.ns].sort().join(',') + '|' + [...group.sf].sort().join(',');
    if (conflictSeen.has(id)) continue;
    conflictSeen.add(id);
    report.ambiguous.push({
      reason: `Stored IDs disagree: ${describeIds(kind, group.ns, group.sf, nsById, sfById)} Decide which pair belongs together and clear the other IDs.`,
      netsuite: [...group.ns].map((x) => nsById.get(x)!),
      salesforce: [...group.sf].map((x) => sfById.get(x)!),
    });
  }

  // 2. The lookup among records no ID claims.
  const nsByKey = new Map<string, NetSuiteSide[]>();
  for (const n of netsuite) {
    if (claimedNs.has(n.id)) continue;
    const key = normalise(n.key);
    if (!key) {
      report.unmatchedNetSuite.push({
        record: n,
        reason: `It has no ${LOOKUP_NAME[kind]} to look up by.`,
      });
      continue;
    }
    nsByKey.set(key, [...(nsByKey.get(key) ?? []), n]);
  }
  const sfByKey = new Map<string, SalesforceSide[]>();
  for (const s of salesforce) {
    if (claimedSf.has(s.id)) continue;
    const key = normalise(s.key);
    if (!key) {
      report.unmatchedSalesforce.push({
        record: s,
        reason: `It has no ${LOOKUP_NAME[kind] === 'item name' ? 'ProductCode' : LOOKUP_NAME[kind]} to look up by.`,
      });
      continue;
    }
    sfByKey.set(key, [...(sfByKey.get(key) ?? []), s]);
  }
  for (const [key, nsGroup] of nsByKey) {
    const sfGroup = sfByKey.get(key) ?? [];
    if (sfGroup.length === 0) {
      for (const n of nsGroup)
        report.unmatchedNetSuite.push({
          record: n,
          reason: `No Salesforce ${SALESFORCE_LABEL[kind]} has this ${LOOKUP_NAME[kind] === 'item name' ? 'ProductCode' : LOOKUP_NAME[kind]}.`,
        });
      continue;
    }
    if (nsGroup.length === 1 && sfGroup.length === 1) {
      report.matched.push({
        netsuite: nsGroup[0]!,
        salesforce: sfGroup[0]!,
        via: LOOKUP_NAME[kind],
        writeSalesforce: true,
        writeNetSuite: true,
      });
      continue;
    }
    report.ambiguous.push({
      reason: `${nsGroup.length} NetSuite ${kind}${nsGroup.length === 1 ? '' : 's'} and ${sfGroup.length} Salesforce ${SALESFORCE_LABEL[kind]}${sfGroup.length === 1 ? '' : 's'} share the ${LOOKUP_NAME[kind]} ${JSON.stringify(nsGroup[0]!.key.trim())}. Link the right pair by hand (put the NetSuite internal ID into NetSuite_Id__c) or make the names differ.`,
      netsuite: nsGroup,
      salesforce: sfGroup,
    });
  }
  for (const [key, sfGroup] of sfByKey) {
    if (nsByKey.has(key)) continue;
    for (const s of sfGroup)
      report.unmatchedSalesforce.push({
        record: s,
        reason: `No NetSuite ${kind} has this ${LOOKUP_NAME[kind]}.`,
      });
  }
  for (const [id, reason] of staleNs) report.unmatchedNetSuite.push({ record: nsById.get(id)!, reason });
  for (const [id, reason] of staleSf) report.unmatchedSalesforce.push({ record: sfById.get(id)!, reason });
  return report;
}

function connected(
  start: string,
  nsPartners: Map<string, Set<string>>,
  sfPartners: Map<string, Set<string>>,
): { ns: Set<string>; sf: Set<string> } {
  const ns = new Set<string>([start]);
  const sf = new Set<string>();
  const queue: Array<['ns' | 'sf', string]> = [['ns', start]];
  while (queue.length > 0) {
    const [side, id] = queue.shift()!;
    const partners = (side === 'ns' ? nsPartners : sfPartners).get(id) ?? new Set<string>();
    for (const other of partners) {
      const target = side === 'ns' ? sf : ns;
      if (target.has(other)) continue;
      target.add(other);
      queue.push([side === 'ns' ? 'sf' : 'ns', other]);
    }
  }
  return { ns, sf };
}

function describeIds(
  kind: LinkKind,
  ns: Set<string>,
  sf: Set<string>,
  nsById: Map<string, NetSuiteSide>,
  sfById: Map<string, SalesforceSide>,
): string {
  const parts: string[] = [];
  for (const id of sf) {
    const s = sfById.get(id)!;
    if (s.netsuiteId) parts.push(`Salesforce ${s.label} (${s.id}) names NetSuite ${kind} ${s.netsuiteId};`);
  }
  for (const id of ns) {
    const n = nsById.get(id)!;
    if (n.linkedTo) parts.push(`NetSuite ${n.label} (${n.id}) is linked to ${n.linkedTo};`);
  }
  return parts.join(' ');
}

/** The links a real run writes: matched pairs missing an ID on at least one side. */
export function pendingLinks(report: MatchReport): Matched[] {
  return report.matched.filter((m) => m.writeNetSuite || m.writeSalesforce);
}

export interface MatchCounts {
  toLink: number;
  alreadyLinked: number;
  ambiguous: number;
  unmatchedNetSuite: number;
  unmatchedSalesforce: number;
}

export function countMatches(report: MatchReport): MatchCounts {
  const toLink = pendingLinks(report).length;
  return {
    toLink,
    alreadyLinked: report.matched.length - toLink,
    ambiguous: report.ambiguous.length,
    unmatchedNetSuite: report.unmatchedNetSuite.length,
    unmatchedSalesforce: report.unmatchedSalesforce.length,
  };
}
