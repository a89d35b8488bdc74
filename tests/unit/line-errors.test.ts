/**
 * Line errors name the NetSuite line (its 1-based position on the item sublist) and its item, never the
 * external line ID (issue 12, item 3).
 */
import { compositeFailure } from '../../bundle/core/composite';
import { planLines } from '../../bundle/core/lines';
import { planOrder, type LineWrite } from '../../bundle/core/order-plan';
import type { OrderLine } from '../../bundle/core/types';

const orderLine = (key: string, itemType: string, itemName: string, amount: number | null): OrderLine => ({
  key,
  itemId: `9${key}`,
  itemName,
  itemType,
  quantity: itemType === 'InvtPart' ? 1 : null,
  rate: amount,
  amount,
  description: itemName === 'GADGET-B' ? 'x'.repeat(300) : '',
  priceLevel: null,
});

// Line 2 is a description line: NetSuite numbers it, Salesforce never sees it.
const plan = planLines(
  [
    orderLine('11', 'InvtPart', 'WIDGET-A', 100),
    orderLine('12', 'Description', 'NOTE', null),
    orderLine('13', 'InvtPart', 'GADGET-B', 300),
  ],
  null,
  'skip',
);

function orderPlan(known: boolean) {
  const lines: LineWrite[] = plan.lines.map((line) => ({
    line,
    externalId: `7_${line.key}_${line.itemId}`,
    salesforceId: known ? `00k${line.key}` : '',
    entryId: '01u1',
  }));
  return planOrder({
    base: '/b',
    orderId: '7',
    subject: 'order SO7',
    priceBookId: '',
    standardBookId: '01s1',
    accounts: [],
    accountId: '001A',
    customerId: '5',
    products: [],
    entries: [],
    opportunityId: '006A',
    opportunity: { Name: 'x' },
    lines,
  });
}

const rejectSecond = (ref: string) => [
  {
    referenceId: ref,
    httpStatusCode: 200,
    body: [
      { success: true, id: '00k1', errors: [] },
      {
        success: false,
        errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'No gadgets this month' }],
      },
    ],
  },
];

describe('line errors', () => {
  test('planned lines know their NetSuite line numbers', () => {
    expect(plan.lines.map((l) => [l.lineNumber, l.itemName])).toEqual([
      [1, 'WIDGET-A'],
      [3, 'GADGET-B'],
    ]);
  });

  test.each([
    ['new lines', false, 'newlines_0'],
    ['lines sent before', true, 'lines_0'],
  ])('a rejected record among the %s is named by line number and item', (_, known, ref) => {
    const p = orderPlan(known);
    const error = compositeFailure(p.steps, rejectSecond(ref));
    expect(error?.code).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(error?.message).toBe(
      'Salesforce rejected line 3 (GADGET-B) of order SO7 with a validation rule: "No gadgets this month". Change the record in NetSuite (or ask your Salesforce admin about the rule), then save it again or press Retry.',
    );
    expect(error?.message).not.toContain('7_13_');
  });

  test("sfsync's own line warnings say the line number too", () => {
    expect(orderPlan(false).warnings).toEqual([
      'Line 3 (GADGET-B): OpportunityLineItem.Description was cut to the Salesforce limit of 255 characters.',
    ]);
  });
});
