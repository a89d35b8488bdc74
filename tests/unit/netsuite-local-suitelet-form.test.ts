/** The local NetSuite runtime gives a Suitelet the fields of a posted HTML form in request.parameters. */
import { fixtureRuntime } from '../netsuite-local/support/fixture';

describe('Suitelet POST of an HTML form', () => {
  const rt = fixtureRuntime();
  afterAll(() => rt.close());

  test('form fields join the query parameters, directly and over HTTP', async () => {
    const direct = rt.callSuitelet('customscript_fx_sl', 'customdeploy_fx_sl', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: 'name=Ada+L%C3%B6we',
    });
    expect(direct.body).toBe('<h1>Hello Ada Löwe</h1><p>POST SUITELET</p>');

    const server = await rt.listen();
    try {
      const res = await fetch(
        `${server.url}/app/site/hosting/scriptlet.nl?script=customscript_fx_sl&deploy=customdeploy_fx_sl`,
        {
          method: 'POST',
          body: new URLSearchParams({ name: 'Grace' }),
        },
      );
      expect(await res.text()).toBe('<h1>Hello Grace</h1><p>POST SUITELET</p>');
    } finally {
      await server.close();
    }
  });

  test('a name sent several times gives its values joined by \\u0005; other bodies are not read', () => {
    const repeated = rt.callSuitelet('customscript_fx_sl', 'customdeploy_fx_sl', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=A&name=B',
    });
    expect(repeated.body).toBe('<h1>Hello A\u0005B</h1><p>POST SUITELET</p>');
    const json = rt.callSuitelet('customscript_fx_sl', 'customdeploy_fx_sl', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"Json"}',
    });
    expect(json.body).toBe('<h1>Hello nobody</h1><p>POST SUITELET</p>');
  });
});
