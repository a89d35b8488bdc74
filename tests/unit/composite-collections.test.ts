import { compositeFailure, type Step } from '../../bundle/core/composite';

const lines: Step = {
  method: 'PATCH',
  url: '/services/data/v62.0/composite/sobjects',
  referenceId: 'lines_0',
  heavy: true,
  subject: 'the lines of order SO1',
  body: { allOrNone: true, records: [{ id: '00k1' }, { id: '00k2', NetSuite_Line_Id__c: '1_2_3' }] },
  recordSubjects: ['line 1 (WIDGET) of order SO1', 'line 3 (GADGET) of order SO1'],
};

describe('sObject Collections results inside a composite response', () => {
  // Salesforce reports a collection record's errors with `statusCode`, not `errorCode`; a failed record
  // must fail the sync, never pass as synced with lines missing.
  test('a record failing with statusCode is a failure naming the record', () => {
    const error = compositeFailure(
      [lines],
      [
        {
          referenceId: 'lines_0',
          httpStatusCode: 200,
          body: [
            {
              id: '00k1',
              success: false,
              errors: [
                { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'rolled back', fields: [] },
              ],
            },
            {
              id: '00k2',
              success: false,
              errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
            },
          ],
        },
      ],
    );
    expect(error).toMatchObject({ code: 'ENTITY_IS_DELETED', retryable: false, httpStatus: 400 });
    expect(error?.message).toContain('line 3 (GADGET) of order SO1');
    expect(error?.message).not.toContain('1_2_3');
  });

  test('a step without record subjects names the record by its position, never by an internal key', () => {
    const { recordSubjects: _named, ...unnamed } = lines;
    const error = compositeFailure(
      [unnamed],
      [
        {
          referenceId: 'lines_0',
          httpStatusCode: 200,
          body: [
            { id: '00k1', success: true, errors: [] },
            { id: '00k2', success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'gone' }] },
          ],
        },
      ],
    );
    expect(error?.message).toContain('the lines of order SO1 (record 2)');
    expect(error?.message).not.toContain('1_2_3');
  });

  test('fields reported by a collection record reach the message', () => {
    const error = compositeFailure(
      [lines],
      [
        {
          referenceId: 'lines_0',
          httpStatusCode: 200,
          body: [
            { id: '00k1', success: true, errors: [] },
            {
              success: false,
              errors: [
                {
                  statusCode: 'REQUIRED_FIELD_MISSING',
                  message: 'Required fields are missing',
                  fields: ['Quantity'],
                },
              ],
            },
          ],
        },
      ],
    );
    expect(error?.fields).toEqual(['Quantity']);
    expect(error?.message).toContain('Quantity comes from the line quantity');
  });

  test('all records succeeded: no failure', () => {
    const ok = [{ id: '00k1', success: true, errors: [] }];
    expect(compositeFailure([lines], [{ referenceId: 'lines_0', httpStatusCode: 200, body: ok }])).toBeNull();
  });
});
