import {
  outcomeParams,
  pageNotice,
  parsePageAction,
  renderGoLivePage,
  type PageOutcome,
} from '../../bundle/core/golive-page';
import type { Finding } from '../../bundle/core/golive-recon';

describe('the go-live page form', () => {
  test('link: chosen kinds (array or joined), subsidiary digits only, dry run box', () => {
    expect(parsePageAction({ action: 'link', link_kinds: ['customer', 'item'], link_dry_run: 'T' })).toEqual({
      action: 'link',
      kinds: ['customer', 'item'],
      subsidiary: '',
      dryRun: true,
    });
    expect(
      parsePageAction({ action: 'link', link_kinds: 'contact\u0005bogus', link_subsidiary: '3; drop' }),
    ).toEqual({ action: 'link', kinds: ['contact'], subsidiary: '', dryRun: false });
    expect(parsePageAction({ action: 'link' })).toEqual({ error: 'link-kinds' });
  });

  test('bulk: records, dates as YYYY-MM-DD, status, a positive whole maximum', () => {
    expect(
      parsePageAction({
        action: 'bulk',
        bulk_records: 'customers,orders',
        bulk_from: '2025-01-01',
        bulk_to: 'yesterday',
        bulk_status: 'all',
        bulk_max: '2.5',
        bulk_subsidiary: '2',
      }),
    ).toEqual({
      action: 'bulk',
      records: 'customers,orders',
      from: '2025-01-01',
      to: '',
      status: 'all',
      subsidiary: '2',
      max: 0,
    });
    expect(
      parsePageAction({
        action: 'bulk',
        bulk_records: 'orders',
        bulk_from: '2025-02-01',
        bulk_to: '2025-01-01',
      }),
    ).toEqual({ error: 'bulk-dates' });
    expect(parsePageAction({ action: 'bulk', bulk_records: 'invoices' })).toEqual({ error: 'bulk-records' });
  });

  test('re-sync keeps well-formed records only; anything else is no action', () => {
    expect(
      parsePageAction({ action: 'resync', records: ['salesorder:1', 'customer:2', 'x:3', '<b>'] }),
    ).toEqual({
      action: 'resync',
      records: ['salesorder:1', 'customer:2'],
    });
    expect(parsePageAction({ action: 'resync', records: 'x:3' })).toEqual({ error: 'resync-none' });
    expect(parsePageAction({ action: 'recon' })).toEqual({ action: 'recon' });
    expect(parsePageAction({ action: 'drop tables' })).toBeNull();
  });
});

describe('what the page says after a POST (post/redirect/get)', () => {
  const said = (outcome: PageOutcome) => pageNotice(outcomeParams(outcome));

  test('each outcome travels as custparam_ parameters and reads back as its notice', () => {
    expect(outcomeParams({ done: 'link', kinds: ['customer', 'item'], dryRun: true })).toEqual({
      custparam_done: 'link',
      custparam_kinds: 'customer,item',
      custparam_dry: 'T',
    });
    expect(said({ done: 'link', kinds: ['customer', 'item'], dryRun: true })).toBe(
      'Linking customer, item started as a dry run (nothing is written). The match report appears in the File Cabinet (SuiteScripts) when it is done.',
    );
    expect(said({ done: 'link', kinds: ['contact'], dryRun: false })).toBe(
      'Linking contact started. The match report appears in the File Cabinet (SuiteScripts) when it is done.',
    );
    expect(outcomeParams({ done: 'bulk', records: 'customers,orders' })).toEqual({
      custparam_done: 'bulk',
      custparam_records: 'customers,orders',
    });
    expect(said({ done: 'bulk', records: 'customers,orders' })).toBe(
      "Bulk sync of customers,orders started. Its summary is in the script's execution log; failures are in the Integration Log.",
    );
    expect(said({ done: 'recon' })).toBe('Reconciliation started. Reload this page when it has finished.');
    expect(outcomeParams({ done: 'resync', n: 4 })).toEqual({ custparam_done: 'resync', custparam_n: '4' });
    expect(said({ done: 'resync', n: 4 })).toBe(
      'Re-sync queued for 4 records. Reload this page to see the results.',
    );
    expect(said({ done: 'resync', n: 1 })).toBe(
      'Re-sync queued for 1 record. Reload this page to see the results.',
    );
    expect(said({ done: 'busy' })).toBe('That job is already running; try again when it has finished.');
    expect(said({ done: 'none' })).toBe('Nothing to do: use one of the buttons below.');
    expect(outcomeParams({ done: 'invalid', why: 'bulk-dates' })).toEqual({
      custparam_done: 'invalid',
      custparam_why: 'bulk-dates',
    });
    expect(said({ done: 'invalid', why: 'link-kinds' })).toBe('Choose customers, contacts or items to link.');
    expect(said({ done: 'invalid', why: 'bulk-records' })).toBe('Choose customers, orders or both to sync.');
    expect(said({ done: 'invalid', why: 'bulk-dates' })).toBe('The first order date is after the last one.');
    expect(said({ done: 'invalid', why: 'resync-none' })).toBe('Select at least one record to re-sync.');
  });

  test('nothing but fixed words: unknown values in the URL give no notice', () => {
    expect(pageNotice({})).toBe('');
    expect(pageNotice({ custparam_done: '<script>' })).toBe('');
    expect(pageNotice({ custparam_done: 'link', custparam_kinds: '<b>x</b>' })).toBe('');
    expect(pageNotice({ custparam_done: 'bulk', custparam_records: 'everything' })).toBe('');
    expect(pageNotice({ custparam_done: 'resync', custparam_n: '1e3' })).toBe('');
    expect(pageNotice({ custparam_done: 'invalid', custparam_why: 'constructor' })).toBe('');
    expect(pageNotice({ custparam_done: 'invalid', custparam_why: 'Call 555-0100 now' })).toBe('');
  });
});

describe('the go-live page', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    netsuiteType: 'salesorder',
    netsuiteId: '5',
    netsuiteLabel: 'SO5',
    salesforceObject: 'Opportunity',
    salesforceId: '006A',
    issue: 'amount differs',
    detail: 'Order total after discounts 10.00, Opportunity Amount <script>.',
    resync: true,
    ...over,
  });
  const page = (findings: Finding[], resynced: Record<string, string> = {}) =>
    renderGoLivePage({
      actionUrl: '/app/site/hosting/scriptlet.nl?script=1&deploy=1',
      notice: 'Re-sync queued for 1 record.',
      report: {
        summary: {
          generatedAt: '2026-01-01T02:00:00.000Z',
          checked: { orders: 3, customers: 1 },
          counts: { 'amount differs': 1, 'missing in NetSuite': 1 },
          total: 2,
        },
        findings,
        resynced,
        csvFile: 77,
      },
      recordUrl: (type, id) => `/record/${type}/${id}`,
      fileUrl: (id) => `/file/${id}`,
    });

  test('summary, a box for records that can be sent again, escaped details, results of re-syncs', () => {
    const html = page(
      [
        finding({}),
        finding({ netsuiteId: '6', netsuiteLabel: '', issue: 'missing in NetSuite', resync: false }),
      ],
      { 'salesorder:5': 'synced: Synced.' },
    );
    expect(html).toContain(
      '3 linked order(s) and 1 linked customer(s) compared; 2 out of sync (1 amount differs, 1 missing in NetSuite)',
    );
    expect(html).toContain('<a href="/file/77">Full report (CSV)</a>');
    expect(html).toContain('name="records" value="salesorder:5"');
    expect(html).not.toContain('value="salesorder:6"');
    expect(html).toContain('<a href="/record/salesorder/5">SO5</a>');
    expect(html).toContain('Opportunity Amount &lt;script&gt;.');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Re-synced: synced: Synced.');
    expect(html).toContain('<p class="notice" role="status">Re-sync queued for 1 record.</p>');
  });

  test('without a report the page says so', () => {
    const html = renderGoLivePage({
      actionUrl: '/x',
      notice: '',
      report: null,
      recordUrl: () => '',
      fileUrl: () => '',
    });
    expect(html).toContain('No reconciliation report yet');
    expect(html).not.toContain('class="notice"');
  });
});
