/**
 * The dashboard page (open Integration Log entries grouped by flow and error, as HTML), the form actions it
 * posts, and the alert e-mail of the retry queue. Pure: every value from the log is escaped, nothing from
 * data is ever run.
 */
import { isOpenStatus } from './log-policy';

export interface DashboardEntry {
  id: string;
  flow: string;
  status: string;
  errorCode: string;
  message: string;
  netsuiteType: string;
  netsuiteId: string;
  recordUrl: string;
  entryUrl: string;
  attempts: number;
  lastSeen: string;
  /** When the retry queue tries again ('' when it does not). */
  nextAttempt?: string;
}

export interface DashboardGroup {
  flow: string;
  errorCode: string;
  entries: DashboardEntry[];
}

/** The saved search of open errors, once created (for the link), or null. */
export interface SavedSearchInfo {
  title: string;
  url: string;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function groupEntries(entries: DashboardEntry[]): DashboardGroup[] {
  const groups = new Map<string, DashboardGroup>();
  for (const e of entries) {
    const key = `${e.flow}\u0000${e.errorCode}`;
    const group = groups.get(key) ?? { flow: e.flow, errorCode: e.errorCode, entries: [] };
    group.entries.push(e);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.entries.length - a.entries.length ||
      a.flow.localeCompare(b.flow) ||
      a.errorCode.localeCompare(b.errorCode),
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 open entries: 1 Error, 2 Retrying" */
export function summaryLine(entries: DashboardEntry[], groups: number): string {
  if (entries.length === 0) return 'No open entries.';
  const byStatus = new Map<string, number>();
  for (const e of entries) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  const parts = ['Failed', 'Error', 'Retrying']
    .filter((s) => byStatus.has(s))
    .map((s) => `${byStatus.get(s)} ${s}`);
  return `${plural(entries.length, 'open entry', 'open entries')} in ${plural(groups, 'group', 'groups')}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;margin:1.5em;color:#222;font-size:14px}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:5px 7px;text-align:left;vertical-align:top}
thead th{background:#f4f6f8;font-size:.9em}.group-head th{background:#e6eef6;font-size:1em;padding-top:9px}
.count{background:#34495e;color:#fff;border-radius:9px;padding:1px 8px;margin-left:6px;font-size:.85em}
.status{white-space:nowrap;font-weight:bold}.s-Failed{color:#a00}.s-Error{color:#b45f06}.s-Retrying{color:#1d5fa8}
.message{max-width:46em}.notice{background:#fff8d6;padding:7px 10px;border:1px solid #e0c95c}
.toolbar{margin:.8em 0}button{margin-right:4px;cursor:pointer}.muted{color:#666;font-size:.9em}
.group-actions{float:right;font-weight:normal}code{font-size:.8em;color:#555;font-weight:normal;margin-left:4px}`;

function statusCell(status: string): string {
  const known = ['Failed', 'Error', 'Retrying'].includes(status) ? ` s-${status}` : '';
  return `<td class="status${known}">${escapeHtml(status)}</td>`;
}

function row(e: DashboardEntry): string {
  const id = escapeHtml(e.id);
  const record = escapeHtml(recordLabel(e.netsuiteType, e.netsuiteId));
  return `<tr data-entry="${id}">
  <td><input type="checkbox" name="ids" value="${id}" aria-label="select entry ${id}"></td>
  <td><a href="${escapeHtml(e.entryUrl)}">${id}</a></td>
  ${statusCell(e.status)}
  <td>${e.recordUrl ? `<a href="${escapeHtml(e.recordUrl)}">${record}</a>` : record}</td>
  <td class="message">${escapeHtml(e.message)}</td>
  <td>${e.attempts}</td>
  <td>${escapeHtml(e.lastSeen)}${e.nextAttempt ? `<br><span class="muted">next: ${escapeHtml(e.nextAttempt)}</span>` : ''}</td>
  <td><button type="submit" name="single" value="retry:${id}">Retry</button><button type="submit" name="single" value="resolve:${id}">Resolve</button></td>
</tr>`;
}

/** Plain titles for the commonest error codes, for the group headings (the code is shown too). */
const CODE_TITLES: Record<string, string> = {
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'Rejected by a Salesforce validation rule',
  REQUIRED_FIELD_MISSING: 'A required Salesforce field is empty',
  SERVER_UNAVAILABLE: 'Salesforce was unavailable',
  UNABLE_TO_LOCK_ROW: 'Salesforce record locked by another update',
  REQUEST_LIMIT_EXCEEDED: 'Salesforce API limit reached',
  INVALID_SESSION_ID: 'Salesforce refused the login',
  ENTITY_IS_DELETED: 'Linked Salesforce record deleted',
  MULTIPLE_CHOICES: 'Several Salesforce records with the same NetSuite ID',
  SSS_REQUEST_TIME_EXCEEDED: 'Salesforce did not answer in time',
  SSS_CONNECTION_CLOSED: 'Salesforce could not be reached',
  SFSYNC_DEFERRED: 'Handed to the retry queue',
  SFSYNC_ITEM_NOT_LINKED: 'Items without a Salesforce product',
  SFSYNC_NOT_CONFIGURED: 'sfsync is not connected to Salesforce',
};

/** "salesorder" → "Sales Order"; other types as they are. */
const RECORD_LABELS: Record<string, string> = {
  salesorder: 'Sales Order',
  estimate: 'Estimate',
  customer: 'Customer',
  contact: 'Contact',
};

export function recordLabel(type: string, id: string): string {
  return `${RECORD_LABELS[type] ?? type} ${id}`.trim();
}

function group(g: DashboardGroup): string {
  const ids = g.entries.map((e) => e.id).join(',');
  const n = g.entries.length;
  const title = CODE_TITLES[g.errorCode];
  const code = g.errorCode || 'no code';
  const actions =
    n > 1
      ? `<span class="group-actions"><button type="submit" name="group" value="retry:${escapeHtml(ids)}">Retry all ${n}</button><button type="submit" name="group" value="resolve:${escapeHtml(ids)}">Resolve all ${n}</button></span>`
      : '';
  return `<tbody class="group" data-flow="${escapeHtml(g.flow)}" data-code="${escapeHtml(g.errorCode)}">
<tr class="group-head"><th colspan="8">${escapeHtml(g.flow)} — ${escapeHtml(title ?? code)}${title ? ` <code>${escapeHtml(code)}</code>` : ''}<span class="count">${n}</span>${actions}</th></tr>
${g.entries.map(row).join('\n')}
</tbody>`;
}

function savedSearchSection(saved: SavedSearchInfo | null): string {
  const how =
    'To show it on your NetSuite home page: Personalize Dashboard &gt; Custom Search (or Saved Search), then choose it in the portlet’s Set Up.';
  return saved
    ? `<h2>Saved search for the home page</h2>
<p>The saved search <a href="${escapeHtml(saved.url)}">${escapeHtml(saved.title)}</a> lists the open entries. ${how}</p>`
    : `<h2>Saved search for the home page</h2>
<p>Create the saved search “sfsync Open Sync Errors” (one click, once per account); it lists the open entries like this page. ${how}</p>
<p><button type="submit" name="action" value="createSearch">Create the saved search</button></p>`;
}

export function renderDashboard(
  entries: DashboardEntry[],
  actionUrl: string,
  notice: string,
  saved: SavedSearchInfo | null = null,
): string {
  const groups = groupEntries(entries);
  const body =
    groups.map(group).join('\n') ||
    '<tbody><tr><td colspan="8">Nothing to do: every sync is up to date.</td></tr></tbody>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sfsync — open sync errors</title>
<style>${STYLE}</style>
</head><body>
<h1>sfsync — open sync errors</h1>
<p class="muted">Entries of the sfsync Integration Log that are not resolved. Retry syncs the record’s current state within a minute or two; Resolve closes an entry you have dealt with. A record saved again after a fix resolves its entry by itself.</p>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
<p id="total">${escapeHtml(summaryLine(entries, groups.length))}</p>
<form method="POST" action="${escapeHtml(actionUrl)}">
<p class="toolbar"><button type="submit" name="bulk" value="retry">Retry selected</button><button type="submit" name="bulk" value="resolve">Resolve selected</button></p>
<table>
<thead><tr><th></th><th>Entry</th><th>Status</th><th>Record</th><th>What happened and what to do</th><th>Attempts</th><th>Last seen</th><th></th></tr></thead>
${body}
</table>
${savedSearchSection(saved)}
</form>
</body></html>`;
}

export type DashboardAction =
  { action: 'retry' | 'resolve'; ids: string[] } | { action: 'createSearch'; ids: [] };

function idList(raw: string | string[] | undefined): string[] {
  const parts = Array.isArray(raw)
    ? raw
    : typeof raw === 'string'
      ? raw.split(',').flatMap((part) => part.split('\u0005'))
      : [];
  return [...new Set(parts.map((p) => p.trim()).filter((id) => /^\d{1,12}$/.test(id)))];
}

/**
 * Reads the posted form: a row's button wins over a group's, which wins over the bulk buttons (which act on
 * the ticked rows). Anything that is not an entry ID is dropped.
 */
export function parseAction(params: Record<string, string | string[] | undefined>): DashboardAction | null {
  if (params.action === 'createSearch') return { action: 'createSearch', ids: [] };
  for (const name of ['single', 'group']) {
    const value = params[name];
    const match = typeof value === 'string' ? /^(retry|resolve):([\d,]+)$/.exec(value) : null;
    if (match) {
      const ids = idList(match[2]);
      if (ids.length > 0) return { action: match[1] as 'retry' | 'resolve', ids };
    }
  }
  const bulk = params.bulk;
  if (bulk !== 'retry' && bulk !== 'resolve') return null;
  const ids = idList(params.ids);
  return ids.length > 0 ? { action: bulk, ids } : null;
}

/** What a POST did, as URL parameters of the page it redirects to (so a reload does not post again). */
export interface ActionResult {
  done: 'retry' | 'resolve' | 'none' | 'search-created' | 'search-exists';
  n?: number;
  left?: number;
  /** Chosen entries that do not exist (any more). */
  gone?: string[];
  /** Chosen entries that are not open (Resolved, or another closed status): left as they were. */
  closed?: string[];
}

/** The status of a chosen entry as the log has it now; absent from the map when the entry does not exist. */
export interface EntryState {
  status: string;
  inactive: boolean;
}

/**
 * Splits the chosen entries into those to act on (open: Error, Retrying, Failed), those that do not exist and
 * those already closed, which Retry must not reopen and Resolve must not touch again.
 */
export function sortChosenEntries(
  ids: string[],
  states: Map<string, EntryState>,
): { open: string[]; gone: string[]; closed: string[] } {
  const sorted = { open: [] as string[], gone: [] as string[], closed: [] as string[] };
  for (const id of ids) {
    const state = states.get(id);
    if (!state) sorted.gone.push(id);
    else if (state.inactive || !isOpenStatus(state.status)) sorted.closed.push(id);
    else sorted.open.push(id);
  }
  return sorted;
}

/**
 * URL parameters carrying a result. Named custparam_…: N/https documents that sendRedirect parameters must
 * carry that prefix (N/http does not say; the prefix is safe either way). At most 20 IDs per list are named.
 */
const SHOWN_IDS = 20;
export function actionParams(result: ActionResult): Record<string, string> {
  const params: Record<string, string> = {
    custparam_done: result.done,
    custparam_n: String(result.n ?? 0),
    custparam_left: String(result.left ?? 0),
  };
  for (const [name, ids] of [
    ['gone', result.gone],
    ['closed', result.closed],
  ] as const) {
    if (!ids || ids.length === 0) continue;
    params[`custparam_${name}`] = ids.slice(0, SHOWN_IDS).join(',');
    params[`custparam_n${name}`] = String(ids.length);
  }
  return params;
}

const entryCount = (n: number) => plural(n, 'entry', 'entries');

/** "Entry 4" / "Entries 4, 5 and 3 more" from an ID list of the URL (digits only) and its full count. */
function entriesNamed(raw: string | string[] | undefined, count: string | string[] | undefined): string {
  const ids = idList(raw).slice(0, SHOWN_IDS);
  if (ids.length === 0) return '';
  const more = Math.max(0, (Number(count) || 0) - ids.length);
  return `${ids.length + more === 1 ? 'Entry' : 'Entries'} ${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The notice for a redirect's parameters; unknown values give no notice (only numbers come from the URL). */
export function noticeFor(params: Record<string, string | string[] | undefined>): string {
  const n = Number(params.custparam_n) || 0;
  const left = Number(params.custparam_left) || 0;
  const more =
    left > 0
      ? ` ${entryCount(left)} did not fit in one request: select them and press the button again.`
      : '';
  const gone = entriesNamed(params.custparam_gone, params.custparam_ngone);
  const closed = entriesNamed(params.custparam_closed, params.custparam_nclosed);
  const several = (named: string) => named.startsWith('Entries');
  const skipped =
    (gone
      ? ` ${gone} ${several(gone) ? 'no longer exist' : 'no longer exists'}: nothing was done to ${several(gone) ? 'them' : 'it'}.`
      : '') +
    (closed
      ? ` ${closed} ${several(closed) ? 'are' : 'is'} not open any more (already resolved): left as ${several(closed) ? 'they were' : 'it was'}.`
      : '');
  switch (params.custparam_done) {
    case 'retry':
      return `${n > 0 ? `Retry queued for ${entryCount(n)}; it runs within a minute or two.` : 'Nothing was retried.'}${more}${skipped}`;
    case 'resolve':
      return `${n > 0 ? `${entryCount(n)} marked resolved.` : 'Nothing was marked resolved.'}${more}${skipped}`;
    case 'none':
      return 'Select at least one entry first.';
    case 'search-created':
      return 'Saved search “sfsync Open Sync Errors” created. Add it to your home page with a Custom Search portlet.';
    case 'search-exists':
      return 'The saved search “sfsync Open Sync Errors” exists already.';
    default:
      return '';
  }
}

/** One failed-for-good entry, as the retry queue reports it. */
export interface FailedEntry {
  entryId: string;
  flow: string;
  netsuiteType: string;
  netsuiteId: string;
  entryUrl?: string;
}

/** The one e-mail of a retry run listing every entry that failed for good. */
export function alertMail(failed: FailedEntry[]): { subject: string; body: string } {
  const n = failed.length;
  return {
    subject: `sfsync: ${n} sync${n === 1 ? '' : 's'} failed after every retry`,
    body: [
      `${n === 1 ? 'This record' : `These ${n} records`} could not be synced with Salesforce after all automatic retries.`,
      'Open each Integration Log entry for what to fix, fix it, then press Retry on the sfsync dashboard (or save the record again).',
      '',
      ...failed.map(
        (f) =>
          `- ${f.flow}: ${f.netsuiteType || 'record'} ${f.netsuiteId} (log entry ${f.entryId}${f.entryUrl ? `: ${f.entryUrl}` : ''})`,
      ),
    ].join('\n'),
  };
}
