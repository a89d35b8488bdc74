import {
  actionParams,
  alertMail,
  noticeFor,
  parseAction,
  renderDashboard,
  sortChosenEntries,
  summaryLine,
  type DashboardEntry,
} from '../../bundle/core/dashboard';

const entry = (over: Partial<DashboardEntry>): DashboardEntry => ({
  id: '1',
  flow: 'Sales Order to Opportunity',
  status: 'Retrying',
  errorCode: 'SERVER_UNAVAILABLE',
  message: 'Salesforce was unavailable when sending order SO1.',
  netsuiteType: 'salesorder',
  netsuiteId: '11',
  recordUrl: '/app/accounting/transactions/salesord.nl?id=11',
  entryUrl: '/app/common/custom/custrecordentry.nl?rectype=1&id=1',
  attempts: 1,
  lastSeen: '3/1/2026 10:00 am',
  ...over,
});

describe('dashboard page', () => {
  const entries = [
    entry({ id: '1' }),
    entry({ id: '2', netsuiteId: '12', status: 'Failed', attempts: 6 }),
    entry({
      id: '3',
      status: 'Error',
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Rule says "<script>alert(1)</script>" & more',
    }),
  ];

  test('groups by flow and error with counts, largest group first', () => {
    const html = renderDashboard(entries, '/app/site/hosting/scriptlet.nl?script=1&deploy=1', '');
    const heads = [...html.matchAll(/<tbody class="group" data-flow="([^"]+)" data-code="([^"]+)">/g)].map(
      (m) => m[2],
    );
    expect(heads).toEqual(['SERVER_UNAVAILABLE', 'FIELD_CUSTOM_VALIDATION_EXCEPTION']);
    expect(html).toContain('<span class="count">2</span>');
    expect(html).toContain('value="retry:1,2">Retry all 2</button>');
    expect(html).toContain('<p id="total">3 open entries in 2 groups: 1 Failed, 1 Error, 1 Retrying.</p>');
    expect(html).toContain('<a href="/app/accounting/transactions/salesord.nl?id=11">Sales Order 11</a>');
    expect(html).toContain(
      'Sales Order to Opportunity — Salesforce was unavailable <code>SERVER_UNAVAILABLE</code><span class="count">2</span>',
    );
    // A group of one has only the row's buttons.
    expect(html).not.toContain('value="retry:3">Retry all');
  });

  test('log text is escaped, never markup', () => {
    const html = renderDashboard(entries, '/x?a=1&b=2', 'Done <b>now</b>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Rule says &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more');
    expect(html).toContain('action="/x?a=1&amp;b=2"');
    expect(html).toContain('Done &lt;b&gt;now&lt;/b&gt;');
  });

  test('the saved search: a button until it exists, then a link', () => {
    expect(renderDashboard([], '/x', '')).toContain('name="action" value="createSearch"');
    const html = renderDashboard([], '/x', '', { title: 'sfsync Open Sync Errors', url: '/s?searchid=7' });
    expect(html).not.toContain('value="createSearch"');
    expect(html).toContain('<a href="/s?searchid=7">sfsync Open Sync Errors</a>');
    expect(html).toContain('Nothing to do: every sync is up to date.');
  });

  test('summary line', () => {
    expect(summaryLine([], 0)).toBe('No open entries.');
    expect(summaryLine([entry({})], 1)).toBe('1 open entry in 1 group: 1 Retrying.');
  });
});

describe('dashboard actions', () => {
  test('a row button wins, then a group button, then the bulk buttons with the ticked rows', () => {
    expect(parseAction({ single: 'resolve:7', group: 'retry:1,2', bulk: 'retry', ids: '3' })).toEqual({
      action: 'resolve',
      ids: ['7'],
    });
    expect(parseAction({ group: 'retry:1,2,2', bulk: 'resolve', ids: '3' })).toEqual({
      action: 'retry',
      ids: ['1', '2'],
    });
    expect(parseAction({ bulk: 'resolve', ids: '3\u00054\u0005x' })).toEqual({
      action: 'resolve',
      ids: ['3', '4'],
    });
    expect(parseAction({ bulk: 'retry', ids: ['5', '6'] })).toEqual({ action: 'retry', ids: ['5', '6'] });
    expect(parseAction({ action: 'createSearch' })).toEqual({ action: 'createSearch', ids: [] });
  });

  test('anything that is not an entry ID is refused', () => {
    expect(parseAction({ bulk: 'retry' })).toBeNull();
    expect(parseAction({ bulk: 'delete', ids: '1' })).toBeNull();
    expect(parseAction({ single: 'retry:1;DROP' })).toBeNull();
    expect(parseAction({ single: 'eval:1' })).toBeNull();
    expect(parseAction({ bulk: 'retry', ids: '1 OR 1=1' })).toBeNull();
  });

  test('notices come from fixed words, not from the URL', () => {
    expect(noticeFor({ custparam_done: 'retry', custparam_n: '2', custparam_left: '0' })).toBe(
      'Retry queued for 2 entries; it runs within a minute or two.',
    );
    expect(noticeFor({ custparam_done: 'resolve', custparam_n: '1', custparam_left: '3' })).toBe(
      '1 entry marked resolved. 3 entries did not fit in one request: select them and press the button again.',
    );
    expect(noticeFor({ custparam_done: '<img src=x onerror=alert(1)>' })).toBe('');
    expect(noticeFor({ done: 'retry', n: '2' })).toBe('');
    expect(noticeFor({})).toBe('');
  });

  test('entries that do not exist or are already resolved are named, and were left alone', () => {
    expect(
      noticeFor({
        custparam_done: 'retry',
        custparam_n: '0',
        custparam_left: '0',
        custparam_gone: '41',
        custparam_ngone: '1',
        custparam_closed: '7,8',
        custparam_nclosed: '2',
      }),
    ).toBe(
      'Nothing was retried. Entry 41 no longer exists: nothing was done to it. Entries 7, 8 are not open any more (already resolved): left as they were.',
    );
    expect(
      noticeFor({
        custparam_done: 'resolve',
        custparam_n: '2',
        custparam_closed: '9',
        custparam_nclosed: '1',
        custparam_gone: '5,6',
        custparam_ngone: '25',
      }),
    ).toBe(
      '2 entries marked resolved. Entries 5, 6 and 23 more no longer exist: nothing was done to them. Entry 9 is not open any more (already resolved): left as it was.',
    );
    expect(noticeFor({ custparam_done: 'resolve', custparam_n: '0', custparam_gone: '<b>1</b>' })).toBe(
      'Nothing was marked resolved.',
    );
  });

  test('an action result becomes the redirect parameters, naming at most 20 entries per list', () => {
    expect(actionParams({ done: 'retry', n: 2, left: 0 })).toEqual({
      custparam_done: 'retry',
      custparam_n: '2',
      custparam_left: '0',
    });
    const many = Array.from({ length: 25 }, (_, i) => String(100 + i));
    expect(actionParams({ done: 'resolve', n: 0, left: 1, gone: many, closed: ['3'] })).toEqual({
      custparam_done: 'resolve',
      custparam_n: '0',
      custparam_left: '1',
      custparam_gone: many.slice(0, 20).join(','),
      custparam_ngone: '25',
      custparam_closed: '3',
      custparam_nclosed: '1',
    });
    expect(actionParams({ done: 'search-created' })).toEqual({
      custparam_done: 'search-created',
      custparam_n: '0',
      custparam_left: '0',
    });
  });

  test('chosen entries are sorted into open ones, missing ones and closed ones', () => {
    const states = new Map([
      ['1', { status: 'Error', inactive: false }],
      ['2', { status: 'Resolved', inactive: false }],
      ['3', { status: 'Retrying', inactive: false }],
      ['4', { status: 'Failed', inactive: true }],
      ['5', { status: 'Success', inactive: false }],
      ['6', { status: 'Failed', inactive: false }],
    ]);
    expect(sortChosenEntries(['1', '2', '3', '4', '5', '6', '7'], states)).toEqual({
      open: ['1', '3', '6'],
      gone: ['7'],
      closed: ['2', '4', '5'],
    });
  });
});

describe('alert e-mail', () => {
  test('one mail lists every entry that failed for good, with links', () => {
    const mail = alertMail([
      { entryId: '4', flow: 'Sales Order to Opportunity', netsuiteType: 'salesorder', netsuiteId: '40' },
      {
        entryId: '5',
        flow: 'Customer to Account',
        netsuiteType: 'customer',
        netsuiteId: '50',
        entryUrl: '/app/common/custom/custrecordentry.nl?rectype=3&id=5',
      },
    ]);
    expect(mail.subject).toBe('sfsync: 2 syncs failed after every retry');
    expect(mail.body.split('\n').slice(-2)).toEqual([
      '- Sales Order to Opportunity: salesorder 40 (log entry 4)',
      '- Customer to Account: customer 50 (log entry 5: /app/common/custom/custrecordentry.nl?rectype=3&id=5)',
    ]);
    expect(alertMail([{ entryId: '1', flow: 'f', netsuiteType: '', netsuiteId: '2' }]).subject).toBe(
      'sfsync: 1 sync failed after every retry',
    );
  });
});
