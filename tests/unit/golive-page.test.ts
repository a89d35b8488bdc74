import { parsePageAction, renderGoLivePage } from '../../bundle/core/golive-page';
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
    expect(parsePageAction({ action: 'link' })).toEqual({
      error: 'Choose customers, contacts or items to link.',
    });
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
    ).toEqual({
      error: 'The first order date is after the last one.',
    });
  });

  test('re-sync keeps well-formed records only; anything else is no action', () => {
    expect(
      parsePageAction({ action: 'resync', records: ['salesorder:1', 'customer:2', 'x:3', '<b>'] }),
    ).toEqual({
      action: 'resync',
      records: ['salesorder:1', 'customer:2'],
    });
    expect(parsePageAction({ action: 'recon' })).toEqual({ action: 'recon' });
    expect(parsePageAction({ action: 'drop tables' })).toBeNull();
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
