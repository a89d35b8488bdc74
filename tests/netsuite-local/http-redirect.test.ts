// N/http's enums as a Suitelet uses them: sendRedirect with http.RedirectType.SUITELET (and the other
// documented types), http.Method compared with request.method, and a redirect type that is not one of
// RedirectType's values refused instead of sending the browser somewhere odd.
import { fixtureRuntime } from './support/fixture';

const rt = fixtureRuntime();
afterAll(() => rt.close());

const call = (parameters: Record<string, string>, method = 'GET') =>
  rt.callSuitelet('customscript_fx_sl', 'customdeploy_fx_sl', { method, parameters });

test('http.RedirectType.SUITELET sends the browser back to the Suitelet with the parameters', () => {
  const get = call({ back: 'a b&c' });
  expect(get.status).toBe(302);
  expect(get.headers.Location).toBe(
    '/app/site/hosting/scriptlet.nl?script=customscript_fx_sl&deploy=customdeploy_fx_sl&custparam_back=a%20b%26c&post=false',
  );
  expect(call({ back: '1' }, 'POST').headers.Location).toBe(
    '/app/site/hosting/scriptlet.nl?script=customscript_fx_sl&deploy=customdeploy_fx_sl&custparam_back=1&post=true',
  );
});

test('the other documented redirect types; anything else is refused with the allowed names', () => {
  expect(call({ redirectType: 'RECORD', identifier: 'customer' }).headers.Location).toBe(
    '/app/common/record.nl?type=customer',
  );
  expect(call({ redirectType: 'MEDIAITEM', identifier: '42' }).headers.Location).toBe(
    '/core/media/media.nl?id=42',
  );
  expect(call({ redirectType: 'RESTLET', identifier: 'customscript_x' }).headers.Location).toBe(
    '/app/site/hosting/restlet.nl?script=customscript_x&deploy=',
  );
  const wrong = call({ redirectType: 'suitelet' });
  expect(wrong).toMatchObject({
    status: 500,
    body: 'SSS_INVALID_TYPE_ARG: ServerResponse.sendRedirect: options.type must be an http.RedirectType value (MEDIA_ITEM, RECORD, RESTLET, SUITELET, TASK_LINK), not "suitelet".',
  });
  expect(wrong.headers.Location).toBeUndefined();
  expect(call({ redirectType: 'TASKLINK' }).body).toBe(
    'SSS_NOT_YET_SUPPORTED: ServerResponse.sendRedirect to a TASK_LINK is not modeled by the local NetSuite runtime',
  );
});
