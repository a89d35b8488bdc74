/**
 * The go-live page (a Suitelet of its own, next to the dashboard): forms that start the link, bulk sync and
 * reconciliation jobs with their parameters, and the latest reconciliation result with a re-sync of the
 * chosen records. HTML rendering and form parsing only. Pure.
 */
import { escapeHtml } from './dashboard';
import { parseResyncList, type Finding, type ReconSummary } from './golive-recon';
import type { LinkKind } from './golive-match';

export interface PageReport {
  summary: ReconSummary;
  findings: Finding[];
  resynced: Record<string, string>;
  csvFile: number;
}

export type PageAction =
  | { action: 'link'; kinds: LinkKind[]; subsidiary: string; dryRun: boolean }
  | {
      action: 'bulk';
      records: string;
      from: string;
      to: string;
      status: 'open' | 'all';
      subsidiary: string;
      max: number;
    }
  | { action: 'recon' }
  | { action: 'resync'; records: string[] };

type Params = Record<string, string | string[] | undefined>;

/** A form value that may come as an array, or as one string joined by commas (or NetSuite's \u0005). */
function values(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list
    .flatMap((v) => v.split(','))
    .flatMap((v) => v.split('\u0005'))
    .map((v) => v.trim())
    .filter(Boolean);
}

const one = (value: string | string[] | undefined): string => values(value)[0] ?? '';
const isoDay = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
const checked = (value: string | string[] | undefined) => ['T', 'on', 'true'].includes(one(value));

/** Why a posted form was not acted on (a code, so it can travel in the redirect's URL). */
export type PageError = 'link-kinds' | 'bulk-records' | 'bulk-dates' | 'resync-none';

const PAGE_ERRORS: Record<PageError, string> = {
  'link-kinds': 'Choose customers, contacts or items to link.',
  'bulk-records': 'Choose customers, orders or both to sync.',
  'bulk-dates': 'The first order date is after the last one.',
  'resync-none': 'Select at least one record to re-sync.',
};

/** Reads the posted form; null when it asks for nothing valid (the page says what is missing). */
export function parsePageAction(params: Params): PageAction | { error: PageError } | null {
  const action = one(params.action);
  if (action === 'link') {
    const kinds = values(params.link_kinds).filter((k): k is LinkKind =>
      ['customer', 'contact', 'item'].includes(k),
    );
    if (kinds.length === 0) return { error: 'link-kinds' };
    const subsidiary = one(params.link_subsidiary);
    return {
      action,
      kinds,
      subsidiary: /^\d+$/.test(subsidiary) ? subsidiary : '',
      dryRun: checked(params.link_dry_run),
    };
  }
  if (action === 'bulk') {
    const records = values(params.bulk_records).filter((r) => r === 'customers' || r === 'orders');
    if (records.length === 0) return { error: 'bulk-records' };
    const from = isoDay(one(params.bulk_from));
    const to = isoDay(one(params.bulk_to));
    if (from && to && from > to) return { error: 'bulk-dates' };
    const max = Number(one(params.bulk_max) || 0);
    const subsidiary = one(params.bulk_subsidiary);
    return {
      action,
      records: records.join(','),
      from,
      to,
      status: one(params.bulk_status) === 'all' ? 'all' : 'open',
      subsidiary: /^\d+$/.test(subsidiary) ? subsidiary : '',
      max: Number.isInteger(max) && max > 0 ? max : 0,
    };
  }
  if (action === 'recon') return { action };
  if (action === 'resync') {
    const records = parseResyncList(values(params.records).join(',')).map((r) => `${r.type}:${r.id}`);
    if (records.length === 0) return { error: 'resync-none' };
    return { action, records };
  }
  return null;
}

/** What a POST did, carried to the page it redirects to (post/redirect/get: a reload starts nothing). */
export type PageOutcome =
  | { done: 'link'; kinds: LinkKind[]; dryRun: boolean }
  | { done: 'bulk'; records: string }
  | { done: 'recon' }
  | { done: 'resync'; n: number }
  | { done: 'busy' }
  | { done: 'invalid'; why: PageError }
  | { done: 'none' };

/**
 * The redirect's URL parameters for an outcome. Named custparam_…: N/https documents that sendRedirect
 * parameters must carry that prefix (N/http does not say; the prefix is safe either way).
 */
export function outcomeParams(outcome: PageOutcome): Record<string, string> {
  const params: Record<string, string> = { custparam_done: outcome.done };
  if (outcome.done === 'link') {
    params.custparam_kinds = outcome.kinds.join(',');
    params.custparam_dry = outcome.dryRun ? 'T' : 'F';
  }
  if (outcome.done === 'bulk') params.custparam_records = outcome.records;
  if (outcome.done === 'resync') params.custparam_n = String(outcome.n);
  if (outcome.done === 'invalid') params.custparam_why = outcome.why;
  return params;
}

/** The notice for the redirect's parameters: fixed words only; list values not known are dropped. */
export function pageNotice(params: Params): string {
  switch (one(params.custparam_done)) {
    case 'link': {
      const kinds = values(params.custparam_kinds).filter((k) => ['customer', 'contact', 'item'].includes(k));
      if (kinds.length === 0) return '';
      const dry = one(params.custparam_dry) === 'T';
      return `Linking ${kinds.join(', ')} started${dry ? ' as a dry run (nothing is written)' : ''}. The match report appears in the File Cabinet (SuiteScripts) when it is done.`;
    }
    case 'bulk': {
      const records = values(params.custparam_records).filter((r) => r === 'customers' || r === 'orders');
      if (records.length === 0) return '';
      return `Bulk sync of ${records.join(',')} started. Its summary is in the script's execution log; failures are in the Integration Log.`;
    }
    case 'recon':
      return 'Reconciliation started. Reload this page when it has finished.';
    case 'resync': {
      const raw = one(params.custparam_n);
      const n = /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
      if (n < 1) return '';
      return `Re-sync queued for ${n} record${n === 1 ? '' : 's'}. Reload this page to see the results.`;
    }
    case 'busy':
      return 'That job is already running; try again when it has finished.';
    case 'invalid': {
      const why = one(params.custparam_why);
      return Object.prototype.hasOwnProperty.call(PAGE_ERRORS, why) ? PAGE_ERRORS[why as PageError] : '';
    }
    case 'none':
      return 'Nothing to do: use one of the buttons below.';
    default:
      return '';
  }
}

function findingRows(report: PageReport, recordUrl: (type: string, id: string) => string): string {
  if (report.findings.length === 0) return '<tr><td colspan="6">Everything compared is in sync.</td></tr>';
  return report.findings
    .map((f) => {
      const key = `${f.netsuiteType}:${f.netsuiteId}`;
      const box = f.resync
        ? `<input type="checkbox" name="records" value="${escapeHtml(key)}" aria-label="re-sync ${escapeHtml(key)}">`
        : '';
      const label = f.netsuiteLabel || `${f.netsuiteType} ${f.netsuiteId}`;
      const record = f.netsuiteLabel
        ? `<a href="${escapeHtml(recordUrl(f.netsuiteType, f.netsuiteId))}">${escapeHtml(label)}</a>`
        : escapeHtml(label);
      const done = report.resynced[key];
      return `<tr data-record="${escapeHtml(key)}">
  <td>${box}</td>
  <td>${record}</td>
  <td>${escapeHtml(f.salesforceObject)} ${escapeHtml(f.salesforceId)}</td>
  <td class="issue">${escapeHtml(f.issue)}</td>
  <td>${escapeHtml(f.detail)}</td>
  <td class="resynced">${done ? escapeHtml(`Re-synced: ${done}`) : ''}</td>
</tr>`;
    })
    .join('\n');
}

export interface PageInput {
  actionUrl: string;
  notice: string;
  report: PageReport | null;
  recordUrl: (type: string, id: string) => string;
  fileUrl: (id: number) => string;
}

export function renderGoLivePage(input: PageInput): string {
  const { report } = input;
  const counts = report
    ? Object.entries(report.summary.counts)
        .map(([issue, n]) => `${n} ${issue}`)
        .join(', ')
    : '';
  const summary = report
    ? `<p id="recon-summary">Report of ${escapeHtml(report.summary.generatedAt)}: ${report.summary.checked.orders} linked order(s) and ${report.summary.checked.customers} linked customer(s) compared; ${
        report.summary.total === 0
          ? 'everything is in sync'
          : `${report.summary.total} out of sync (${escapeHtml(counts)})`
      }. <a href="${escapeHtml(input.fileUrl(report.csvFile))}">Full report (CSV)</a>${
        report.findings.length < report.summary.total
          ? ` — the first ${report.findings.length} are shown.`
          : '.'
      }</p>`
    : '<p id="recon-summary">No reconciliation report yet: run one below.</p>';
  const form = (action: string, body: string, button: string) =>
    `<form method="POST" action="${escapeHtml(input.actionUrl)}"><input type="hidden" name="action" value="${action}">${body}<p><button type="submit">${button}</button></p></form>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>sfsync — going live</title>
<style>body{font-family:sans-serif;margin:1.5em;max-width:80em}section{border:1px solid #ddd;padding:0 1em 1em;margin-bottom:1.5em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}.notice{background:#ffe;padding:6px;border:1px solid #cc9}label{margin-right:1em}</style>
</head><body>
<h1>sfsync — going live</h1>
${input.notice ? `<p class="notice" role="status">${escapeHtml(input.notice)}</p>` : ''}
<section id="link"><h2>1. Link existing records</h2>
<p>Matches NetSuite records to Salesforce records by the IDs already stored, then by name (customers), e-mail (contacts) and item name = Product Code (items). The match report is saved in the File Cabinet; ambiguous matches are never linked.</p>
${form(
  'link',
  `<p><label><input type="checkbox" name="link_kinds" value="customer" checked> Customers</label>
<label><input type="checkbox" name="link_kinds" value="contact" checked> Contacts</label>
<label><input type="checkbox" name="link_kinds" value="item" checked> Items</label></p>
<p><label>Subsidiary (internal ID, empty for all) <input name="link_subsidiary" size="6"></label>
<label><input type="checkbox" name="link_dry_run" value="T" checked> Dry run: report only, write nothing</label></p>`,
  'Run linking',
)}
</section>
<section id="bulk"><h2>2. Bulk initial sync</h2>
<p>Sends customers and sales orders without an Opportunity to Salesforce with the real-time rules, many records per call. A stopped run is finished by starting it again.</p>
${form(
  'bulk',
  `<p><label><input type="checkbox" name="bulk_records" value="customers" checked> Customers</label>
<label><input type="checkbox" name="bulk_records" value="orders" checked> Sales orders</label></p>
<p><label>Orders dated from <input type="date" name="bulk_from"></label>
<label>to <input type="date" name="bulk_to"></label>
<label>Status <select name="bulk_status"><option value="open">Open</option><option value="all">Open and historical (billed, closed)</option></select></label></p>
<p><label>Subsidiary (internal ID) <input name="bulk_subsidiary" size="6"></label>
<label>At most <input name="bulk_max" size="8"> orders this run</label></p>`,
  'Start bulk sync',
)}
</section>
<section id="recon"><h2>3. Reconciliation</h2>
${summary}
${form('recon', '', 'Run reconciliation now')}
<form method="POST" action="${escapeHtml(input.actionUrl)}"><input type="hidden" name="action" value="resync">
<table>
<thead><tr><th></th><th>NetSuite record</th><th>Salesforce record</th><th>Out of sync</th><th>Details</th><th></th></tr></thead>
<tbody>
${report ? findingRows(report, input.recordUrl) : ''}
</tbody>
</table>
<p><button type="submit">Re-sync selected</button></p>
</form>
</section>
</body></html>`;
}
