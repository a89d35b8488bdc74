// Helpers for the go-live integration tests: reading CSV reports, and Salesforce edits a user would make
// that the local org's admin API does not offer (deleting records), through the REST API.
import type { SalesforceOrg } from '../../tools/salesforce-local';

/** Parses CSV as the reports write it (RFC 4180 quoting, CRLF rows). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function token(sf: SalesforceOrg): Promise<string> {
  const res = await fetch(sf.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${sf.clientId}&client_secret=${sf.clientSecret}`,
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Deletes a record as a Salesforce user would (one API call). */
export async function deleteInSalesforce(sf: SalesforceOrg, sobject: string, id: string): Promise<void> {
  const res = await fetch(`${sf.instanceUrl}/services/data/v${sf.apiVersion}/sobjects/${sobject}/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${await token(sf)}` },
  });
  if (res.status !== 204) throw new Error(`delete ${sobject} ${id}: HTTP ${res.status} ${await res.text()}`);
}
