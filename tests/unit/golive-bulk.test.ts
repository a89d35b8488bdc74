import type { SubResponse } from '../../bundle/core/composite';
import { SyncError } from '../../bundle/core/errors';
import {
  batchOutcome,
  MAX_ORDERS_PER_BATCH,
  packCustomers,
  packOrders,
  planBatch,
  type AccountInput,
  type BulkOrder,
} from '../../bundle/core/golive-bulk';
import { compositeBodies } from '../../bundle/core/golive-collections';
import { planLines } from '../../bundle/core/lines';
import type { OrderLine } from '../../bundle/core/types';

const BASE = '/services/data/v62.0';

const line = (key: string, itemId: string, quantity: number, rate: number): OrderLine => ({
  key,
  itemId,
  itemName: `Item ${itemId}`,
  itemType: 'InvtPart',
  quantity,
  rate,
  amount: quantity * rate,
  description: '',
  priceLevel: '1',
});

function order(id: string, customerId: string, accountId: string, lines = 5): BulkOrder {
  const orderLines = Array.from({ length: lines }, (_, i) => line(String(i + 1), `7${i}`, 2, 10 + i));
  const plan = planLines(orderLines, null, 'skip');
  return {
    orderId: id,
    tranId: `SO${id}`,
    customerId,
    accountId,
    opportunity: { CloseDate: '2026-01-02', NetSuite_Order_Number__c: `SO${id}`, StageName: 'Closed Won' },
    priceBookId: '01s000000000001AAA',
    plan,
    lines: plan.lines.map((l) => ({
      externalId: `${id}_${l.key}_${l.itemId}`,
      entryId: `01u00000000000${l.itemId}`,
    })),
  };
}

describe('packing orders into batches', () => {
  test('orders of 5 lines: 150 per batch, one opportunity and four line collections (one call)', () => {
    const sizes = Array.from({ length: 400 }, (_, i) => ({
      id: String(i + 1),
      customerId: String(1000 + (i % 40)),
      lines: 5,
      newAccount: false,
    }));
    const batches = packOrders(sizes);
    const count = (b: number) => [...batches.values()].filter((x) => x === b).length;
    expect([count(0), count(1), count(2)]).toEqual([MAX_ORDERS_PER_BATCH, 150, 100]);
  });

  test('large orders close a batch when their lines would need a sixth collection; a huge one is alone', () => {
    const batches = packOrders([
      { id: 'a', customerId: 'c', lines: 700, newAccount: false },
      { id: 'b', customerId: 'c', lines: 150, newAccount: false }, // 850 lines: 5 + 1 opportunity collection
      { id: 'c', customerId: 'c', lines: 3000, newAccount: false },
      { id: 'd', customerId: 'c', lines: 1, newAccount: false },
    ]);
    expect([...batches.entries()]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
  });

  test('new Accounts count as a collection of the batch', () => {
    const sizes = Array.from({ length: 150 }, (_, i) => ({
      id: String(i),
      customerId: `c${i}`,
      lines: 5,
      newAccount: true,
    }));
    // 150 accounts + 150 opportunities + 750 lines = 1 + 1 + 4 collections: the batch stops at 120 orders.
    const batches = packOrders(sizes);
    expect([...batches.values()].filter((b) => b === 0)).toHaveLength(120);
  });

  test('customer families stay together, parents first, batches up to the maximum', () => {
    const batches = packCustomers(
      [
        { id: '3', parentId: '1' },
        { id: '1', parentId: '' },
        { id: '4', parentId: '3' },
        { id: '2', parentId: '' },
        { id: '5', parentId: '99' }, // parent outside the scope: its own family
      ],
      3,
    );
    expect(batches).toEqual([
      ['1', '3', '4'],
      ['2', '5'],
    ]);
  });
});

describe('planning a batch', () => {
  const accounts: AccountInput[] = [
    {
      customerId: '20',
      entityId: 'CHILD',
      body: { Name: 'Child' },
      accountId: '',
      parent: { customerId: '10' },
    },
    { customerId: '10', entityId: 'PARENT', body: { Name: 'Parent' }, accountId: '', parent: null },
  ];
  const orders = [order('1', '20', ''), order('2', '30', '001000000000030AAA')];
  const plan = planBatch(BASE, accounts, orders);

  test('accounts by depth, then opportunities, then lines, all referring by external ID', () => {
    expect(plan.steps.map((s) => [s.referenceId, s.method, s.url])).toEqual([
      ['acct_0_upsert_0', 'PATCH', `${BASE}/composite/sobjects/Account/NetSuite_Id__c`],
      ['acct_1_upsert_0', 'PATCH', `${BASE}/composite/sobjects/Account/NetSuite_Id__c`],
      ['opps_0', 'PATCH', `${BASE}/composite/sobjects/Opportunity/NetSuite_Id__c`],
      ['lines_0', 'PATCH', `${BASE}/composite/sobjects/OpportunityLineItem/NetSuite_Line_Id__c`],
    ]);
    const body = (i: number) =>
      plan.steps[i]!.body as { allOrNone: boolean; records: Array<Record<string, unknown>> };
    expect(body(0)).toEqual({
      allOrNone: false,
      records: [{ attributes: { type: 'Account' }, Name: 'Parent', NetSuite_Id__c: '10' }],
    });
    expect(body(1).records[0]).toEqual({
      attributes: { type: 'Account' },
      Name: 'Child',
      NetSuite_Id__c: '20',
      Parent: { NetSuite_Id__c: '10' },
    });
    expect(body(2).records).toEqual([
      expect.objectContaining({
        NetSuite_Id__c: '1',
        Account: { NetSuite_Id__c: '20' },
        Pricebook2Id: '01s000000000001AAA',
      }),
      expect.objectContaining({ NetSuite_Id__c: '2', AccountId: '001000000000030AAA' }),
    ]);
    expect(body(3).records).toHaveLength(10);
    expect(body(3).records[0]).toEqual({
      attributes: { type: 'OpportunityLineItem' },
      NetSuite_Line_Id__c: '1_1_70',
      Opportunity: { NetSuite_Id__c: '1' },
      PricebookEntryId: '01u0000000000070',
      Quantity: 2,
      UnitPrice: 10,
      Discount: 0,
      Description: null,
    });
  });

  test('one composite call carries up to five collections, every record answered on its own', () => {
    const calls = compositeBodies(plan.steps);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ allOrNone: false });
  });

  const ok = (id: string) => ({ id, success: true, errors: [] });
  const bad = (code: string) => ({
    success: false,
    errors: [{ statusCode: code, message: `${code} happened` }],
  });
  const response = (referenceId: string, body: unknown, httpStatusCode = 200): SubResponse => ({
    referenceId,
    body,
    httpStatusCode,
  });

  test('results become per-order outcomes with the line map; a failed line fails its order only', () => {
    const lines = orders.flatMap((o) => o.lines.map((l) => l.externalId));
    const outcome = batchOutcome(plan, orders, {
      acct_0_upsert_0: response('acct_0_upsert_0', [ok('001P')]),
      acct_1_upsert_0: response('acct_1_upsert_0', [ok('001C')]),
      opps_0: response('opps_0', [ok('006A'), ok('006B')]),
      lines_0: response(
        'lines_0',
        lines.map((id, i) => (i === 7 ? bad('FIELD_CUSTOM_VALIDATION_EXCEPTION') : ok(`00k${id}`))),
      ),
    });
    expect(outcome.accounts.get('20')).toEqual({ ok: true, id: '001C', errors: [] });
    const [first, second] = outcome.orders;
    expect(first).toEqual({
      orderId: '1',
      ok: true,
      opportunityId: '006A',
      lineMap: Object.fromEntries(orders[0]!.lines.map((l) => [l.externalId, `00k${l.externalId}`])),
    });
    expect(second).toMatchObject({ orderId: '2', ok: false, opportunityId: '006B' });
    expect(second!.error).toBeInstanceOf(SyncError);
    expect(second!.error!.code).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(second!.error!.retryable).toBe(false);
    // The 8th line sent is order 2's third line (item 72), named as NetSuite shows it.
    expect(second!.error!.message).toContain('line 3 (Item 72) of order SO2');
    expect(second!.error!.message).not.toContain(lines[7]!);
  });

  test("a failed Account fails its customer's orders with the reason", () => {
    const outcome = batchOutcome(plan, orders, {
      acct_0_upsert_0: response('acct_0_upsert_0', [ok('001P')]),
      acct_1_upsert_0: response('acct_1_upsert_0', [bad('REQUIRED_FIELD_MISSING')]),
      opps_0: response('opps_0', [bad('INVALID_FIELD'), ok('006B')]),
      lines_0: response(
        'lines_0',
        orders.flatMap((o) => o.lines.map(() => ok('00k'))),
      ),
    });
    expect(outcome.orders[0]!.error!.code).toBe('REQUIRED_FIELD_MISSING');
    expect(outcome.orders[0]!.error!.message).toContain('the customer of order SO1');
    expect(outcome.orders[1]!.ok).toBe(true);
  });

  test('a call that never answered fails every record it carried with that error (retryable)', () => {
    const stopped = new SyncError({
      code: 'SSS_CONNECTION_CLOSED',
      message: 'The connection to Salesforce was closed.',
      retryable: true,
      source: 'network',
    });
    const outcome = batchOutcome(plan, orders, {}, stopped);
    expect(outcome.orders.map((o) => [o.ok, o.error])).toEqual([
      [false, stopped],
      [false, stopped],
    ]);
    expect(outcome.accounts.get('10')).toMatchObject({ ok: false, notSent: true });
  });

  test('a collection refused as a whole fails its records with the reason given', () => {
    const outcome = batchOutcome(plan, orders, {
      acct_0_upsert_0: response('acct_0_upsert_0', [ok('001P')]),
      acct_1_upsert_0: response('acct_1_upsert_0', [ok('001C')]),
      opps_0: response('opps_0', [{ errorCode: 'EXCEEDED_ID_LIMIT', message: 'too many' }], 400),
    });
    expect(outcome.orders.map((o) => o.error?.code)).toEqual(['EXCEEDED_ID_LIMIT', 'EXCEEDED_ID_LIMIT']);
  });
});
