/** The dashboard page: open Integration Log entries grouped by flow and error, as HTML. Pure. */

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
}

export interface DashboardGroup {
  flow: string;
  errorCode: string;
  entries: DashboardEntry[];
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
    (a, b) => b.entries.length - a.entries.length || a.flow.localeCompare(b.flow),
  );
}

export function renderDashboard(entries: DashboardEntry[], actionUrl: string, notice: string): string {
  const groups = groupEntries(entries);
  const rows = groups
    .map((g) => {
      const items = g.entries
        .map(
          (e) => `<tr data-entry="${escapeHtml(e.id)}">
  <td><input type="checkbox" name="ids" value="${escapeHtml(e.id)}" aria-label="select entry ${escapeHtml(e.id)}"></td>
  <td><a href="${escapeHtml(e.entryUrl)}">${escapeHtml(e.id)}</a></td>
  <td class="status">${escapeHtml(e.status)}</td>
  <td><a href="${escapeHtml(e.recordUrl)}">${escapeHtml(e.netsuiteType)} ${escapeHtml(e.netsuiteId)}</a></td>
  <td>${escapeHtml(e.message)}</td>
  <td>${e.attempts}</td>
  <td>${escapeHtml(e.lastSeen)}</td>
  <td><button type="submit" name="single" value="retry:${escapeHtml(e.id)}">Retry</button>
      <button type="submit" name="single" value="resolve:${escapeHtml(e.id)}">Resolve</button></td>
</tr>`,
        )
        .join('\n');
      return `<tbody class="group">
<tr class="group-head"><th colspan="8">${escapeHtml(g.flow)} — ${escapeHtml(g.errorCode || 'no code')} <span class="count">${g.entries.length}</span></th></tr>
${items}
</tbody>`;
    })
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>sfsync — open sync errors</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}.group-head th{background:#eef3f8}.count{background:#345;color:#fff;border-radius:8px;padding:0 6px;margin-left:6px}.notice{background:#ffe;padding:6px;border:1px solid #cc9}</style>
</head><body>
<h1>sfsync — open sync errors</h1>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
<p id="total">${entries.length} open entr${entries.length === 1 ? 'y' : 'ies'} in ${groups.length} group${groups.length === 1 ? '' : 's'}.</p>
<form method="POST" action="${escapeHtml(actionUrl)}">
<p><button type="submit" name="bulk" value="retry">Retry selected</button>
<button type="submit" name="bulk" value="resolve">Resolve selected</button></p>
<table>
<thead><tr><th></th><th>Entry</th><th>Status</th><th>Record</th><th>What happened and what to do</th><th>Attempts</th><th>Last seen</th><th></th></tr></thead>
${rows || '<tbody><tr><td colspan="8">Nothing to do: every sync is up to date.</td></tr></tbody>'}
</table>
</form>
</body></html>`;
}

/** Reads the posted form: a single-row button wins over the bulk buttons. */
export function parseAction(
  params: Record<string, string | string[] | undefined>,
): { action: 'retry' | 'resolve'; ids: string[] } | null {
  const single = typeof params.single === 'string' ? params.single : '';
  const match = /^(retry|resolve):(\d+)$/.exec(single);
  if (match) return { action: match[1] as 'retry' | 'resolve', ids: [match[2]!] };
  const bulk = params.bulk;
  if (bulk !== 'retry' && bulk !== 'resolve') return null;
  const raw = params.ids;
  const ids = (
    Array.isArray(raw)
      ? raw
      : typeof raw === 'string'
        ? raw.split(',').flatMap((part) => part.split('\u0005'))
        : []
  ).filter((id) => /^\d+$/.test(id));
  return ids.length > 0 ? { action: bulk, ids } : null;
}
