/** Go-live report files (CSV) and their one-line summaries. Pure. */
import { countMatches, LOOKUP_NAME, type MatchReport } from './golive-match';

/** One CSV field: quoted when it holds a comma, quote or line break; formula prefixes defused. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ (or their full-width forms ＝ ＋ － ＠, which spreadsheets may read the
  // same way), a tab or a carriage return could run as a formula when the file is opened in a spreadsheet:
  // such a cell gets a leading apostrophe. Plain numbers such as -12.5 stay as they are.
  if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A timestamp for file names: 20261123-180405 (UTC). */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

const PLURAL: Record<string, string> = { customer: 'Customers', contact: 'Contacts', item: 'Items' };

export const MATCH_HEADER = [
  'Kind',
  'Outcome',
  'Matched by',
  'NetSuite ID',
  'NetSuite record',
  'Salesforce ID',
  'Salesforce record',
  'Action',
  'Details',
];

/** Rows of the match report: every matched, ambiguous and unmatched record of each kind. */
export function matchRows(reports: MatchReport[], dryRun: boolean): string[][] {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const m of r.matched) {
      const writes = [
        m.writeSalesforce ? `NetSuite_Id__c ${m.netsuite.id} on the Salesforce record` : '',
        m.writeNetSuite ? `Salesforce ID ${m.salesforce.id} on the NetSuite record` : '',
      ].filter(Boolean);
      rows.push([
        r.kind,
        writes.length ? 'matched' : 'already linked',
        m.via,
        m.netsuite.id,
        m.netsuite.label,
        m.salesforce.id,
        m.salesforce.label,
        writes.length ? (dryRun ? 'would link' : 'link') : 'none',
        writes.length ? `writes ${writes.join(' and ')}` : '',
      ]);
    }
    for (const a of r.ambiguous) {
      const ns = a.netsuite
        .map((n) => `${n.label} (${n.id}${n.subsidiary ? `, subsidiary ${n.subsidiary}` : ''})`)
        .join('; ');
      const sf = a.salesforce.map((s) => `${s.label} (${s.id})`).join('; ');
      rows.push([
        r.kind,
        'ambiguous',
        LOOKUP_NAME[r.kind],
        a.netsuite.map((n) => n.id).join(' '),
        ns,
        a.salesforce.map((s) => s.id).join(' '),
        sf,
        'none (link by hand)',
        a.reason,
      ]);
    }
    for (const u of r.unmatchedNetSuite)
      rows.push([r.kind, 'NetSuite only', '', u.record.id, u.record.label, '', '', 'none', u.reason]);
    for (const u of r.unmatchedSalesforce)
      rows.push([r.kind, 'Salesforce only', '', '', '', u.record.id, u.record.label, 'none', u.reason]);
  }
  return rows;
}

export function matchReportCsv(reports: MatchReport[], dryRun: boolean): string {
  return csv([MATCH_HEADER, ...matchRows(reports, dryRun)]);
}

/** "Customers: 3 to link, 1 already linked, 1 ambiguous, 2 only in NetSuite, 0 only in Salesforce." */
export function matchSummary(reports: MatchReport[]): string {
  return reports
    .map((r) => {
      const c = countMatches(r);
      return `${PLURAL[r.kind]}: ${c.toLink} to link, ${c.alreadyLinked} already linked, ${c.ambiguous} ambiguous, ${c.unmatchedNetSuite} only in NetSuite, ${c.unmatchedSalesforce} only in Salesforce.`;
    })
    .join(' ');
}
