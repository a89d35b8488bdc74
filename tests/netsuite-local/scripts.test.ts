// Script types: RESTlets (direct and over HTTP), Suitelets, scheduled scripts, map/reduce, tasks.
import { fixtureRuntime, seedBasics } from './support/fixture';

const rt = fixtureRuntime({
  scriptParameters: { customdeploy_fx_rl: { custscript_fx_rl_prefix: 'override' } },
});
const b = seedBasics(rt);
afterAll(() => rt.close());

describe('RESTlets', () => {
  test('over HTTP at /app/site/hosting/restlet.nl: GET params, POST JSON body, JSON answers', async () => {
    const server = await rt.listen(0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const get = await fetch(
        `${server.url}/app/site/hosting/restlet.nl?script=customscript_fx_rl&deploy=customdeploy_fx_rl&q=abc`,
        {
          headers: { 'Content-Type': 'application/json' },
        },
      );
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({
        prefix: 'override',
        params: { script: 'customscript_fx_rl', deploy: 'customdeploy_fx_rl', q: 'abc' },
        customers: 1,
        context: 'RESTLET',
      });
      // numeric internal ids work too
      const script = rt.project.scripts.get('customscript_fx_rl');
      const url = `${server.url}/app/site/hosting/restlet.nl?script=${script?.internalId}&deploy=${script?.deployments[0]?.internalId}`;
      const post = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          customer: b.customer,
          lines: [{ item: b.widget, quantity: 2 }, { item: b.tenPercent }],
        }),
      });
      const created = (await post.json()) as { id: number; total: string; remaining: number };
      expect(created.total).toBe('180.00');
      expect(created.remaining).toBe(5000 - 10 - 20 - 1);
      expect(rt.get('salesorder', created.id)?.fields).toMatchObject({
        total: 180,
        custbody_fx_note: 'bs:create',
      });
      // the order's user event saw the RESTlet as its context
      expect(rt.list('customrecord_fx_log').at(-1)?.fields.name).toBe('create:RESTLET');
      const put = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(put.status).toBe(400);
      expect(await put.json()).toEqual({ error: { code: 'FX_BAD', message: 'bad input' } });
    } finally {
      await server.close();
    }
  });

  test('direct calls: thrown errors become NetSuite error JSON with HTTP 400', () => {
    const victim = rt.seed('customer', { companyname: 'Delete Me' });
    expect(rt.callRestlet('customscript_fx_rl', 'customdeploy_fx_rl', 'DELETE', { id: victim })).toEqual({
      status: 200,
      body: `deleted ${victim}`,
    });
    expect(rt.get('customer', victim)).toBeUndefined();
    expect(rt.callRestlet('customscript_fx_rl', 'customdeploy_fx_rl', 'DELETE', { plain: 1 })).toEqual({
      status: 400,
      body: { error: { code: 'JS_EXCEPTION', message: 'Error plain failure' } },
    });
    expect(rt.callRestlet('customscript_fx_rl', 'customdeploy_fx_rl', 'DELETE', { id: 99999 })).toEqual({
      status: 400,
      body: { error: { code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' } },
    });
    expect(rt.callRestlet('customscript_nope', 'customdeploy_nope', 'GET').body).toMatchObject({
      error: { code: 'SSS_INVALID_SCRIPTLET_ID' },
    });
    expect(rt.callRestlet('customscript_fx_rl_http', 'customdeploy_fx_rl_http', 'GET').status).toBe(405);
  });
});

describe('Suitelets', () => {
  test('context.request and context.response, directly and over HTTP', async () => {
    const direct = rt.callSuitelet('customscript_fx_sl', 'customdeploy_fx_sl', {
      parameters: { name: 'Ada' },
    });
    expect(direct).toMatchObject({ status: 200, body: '<h1>Hello Ada</h1><p>GET SUITELET</p>' });
    expect(direct.headers['Content-Type']).toBe('text/html');
    const redirect = rt.callSuitelet('customscript_fx_sl', 'customdeploy_fx_sl', {
      parameters: { go: b.customer },
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.Location).toBe(`/app/common/record.nl?type=customer&id=${b.customer}`);
    const server = await rt.listen();
    try {
      const res = await fetch(
        `${server.url}/app/site/hosting/scriptlet.nl?script=customscript_fx_sl&deploy=customdeploy_fx_sl&name=Bob`,
        {
          method: 'POST',
        },
      );
      expect(await res.text()).toBe('<h1>Hello Bob</h1><p>POST SUITELET</p>');
    } finally {
      await server.close();
    }
  });
});

describe('scheduled scripts and tasks', () => {
  test('execute() with parameters, log level filtering, and a queued map/reduce run on demand', () => {
    const from = rt.logs.length;
    const report = rt.runScheduled('customscript_fx_ss', 'customdeploy_fx_ss', {
      custscript_fx_ss_count: 3,
      custscript_fx_ss_chain: true,
    });
    expect(report).toMatchObject({
      scriptType: 'scheduledscript',
      entryPoint: 'execute',
      unitsUsed: 3 * 6 + 20,
      executionContext: 'SCHEDULED',
    });
    expect(report.error).toBeUndefined();
    const logs = rt.logs.slice(from).filter((l) => l.scriptId === 'customscript_fx_ss');
    expect(logs.map((l) => l.title)).toEqual(['done', 'queued']); // DEBUG is below the deployment's AUDIT level
    expect(JSON.parse(logs[0]?.details ?? '{}')).toEqual({ created: 3, remaining: 10000 - 18 });
    expect(
      rt
        .list('customrecord_fx_log')
        .slice(-3)
        .map((l) => l.fields.name),
    ).toEqual(['ss SCHEDULED 0', 'ss SCHEDULED 1', 'ss SCHEDULED 2']);
    const queued = rt.tasks.at(-1);
    expect(queued).toMatchObject({
      taskType: 'MAP_REDUCE',
      scriptId: 'customscript_fx_mr',
      status: 'PENDING',
      params: { custscript_fx_mr_mode: 'array' },
    });
    // the same deployment cannot take a second task while one is unfinished
    const second = rt.runScheduled('customscript_fx_ss', 'customdeploy_fx_ss', {
      custscript_fx_ss_count: 0,
      custscript_fx_ss_chain: true,
    });
    expect(second.error?.name).toBe('MAP_REDUCE_ALREADY_RUNNING');
    const reports = rt.runQueuedTasks();
    expect(reports).toHaveLength(1);
    expect(queued?.status).toBe('COMPLETE');
    expect(rt.list('customrecord_fx_log').at(-1)?.fields.custrecord_fx_log_message).toBe(
      'out=a:1+3;b:2 errors= input=ok',
    );
  });

  test('a task needs a free, Not Scheduled deployment', () => {
    const testing = rt.callRestlet('customscript_fx_rl_units', 'customdeploy_fx_rl_units', 'POST', {
      ops: ['taskSubmitTo'],
      deployment: 'customdeploy_fx_mr_testing',
    });
    expect(testing.body).toMatchObject({ error: { code: 'FAILED_TO_SUBMIT_JOB_REQUEST_1' } });
    const res = rt.callRestlet('customscript_fx_rl_units', 'customdeploy_fx_rl_units', 'POST', {
      ops: ['taskSubmit'],
    });
    expect(res.body).toEqual({ taskSubmit: 20 });
    const again = rt.callRestlet('customscript_fx_rl_units', 'customdeploy_fx_rl_units', 'POST', {
      ops: ['taskSubmit'],
    });
    expect(again.body).toMatchObject({ error: { code: 'MAP_REDUCE_ALREADY_RUNNING' } });
    const [done] = rt.runQueuedTasks();
    expect(done).toMatchObject({
      scriptId: 'customscript_fx_mr',
      deploymentId: 'customdeploy_fx_mr',
      status: 'COMPLETE',
    });
    expect(
      rt.callRestlet('customscript_fx_rl_units', 'customdeploy_fx_rl_units', 'POST', { ops: ['taskSubmit'] })
        .body,
    ).toEqual({
      taskSubmit: 20,
    });
    rt.runQueuedTasks();
  });
});

describe('map/reduce', () => {
  test('stages run with their own budgets; map errors are reported per key and the run goes on', () => {
    const bad = rt.seed('customer', { companyname: 'Bad Co' });
    const greedy = rt.seed('customer', { companyname: 'Greedy Co' });
    const good = rt.seed('customer', { companyname: 'Good Co' });
    const report = rt.runMapReduce('customscript_fx_mr', 'customdeploy_fx_mr');
    expect(report.status).toBe('COMPLETE');
    expect(report.inputCount).toBe(rt.list('customer').filter((c) => !c.fields.isinactive).length);
    expect(report.mapErrors).toEqual([
      { key: bad, name: 'FX_BAD_CUSTOMER', message: `bad customer ${bad}` },
      { key: greedy, name: 'SSS_USAGE_LIMIT_EXCEEDED', message: 'Script Execution Usage Limit Exceeded' },
    ]);
    const greedyRun = report.stages.map.find((r) => r.error?.name === 'SSS_USAGE_LIMIT_EXCEEDED');
    expect(greedyRun).toMatchObject({ unitsUsed: 1000, calls: { 'record.load': 200 } });
    const okKeys = rt
      .list('customer')
      .filter((c) => !c.fields.isinactive && c.id !== bad && c.id !== greedy)
      .map((c) => c.id);
    expect(report.output).toEqual([{ key: '1', value: okKeys.join('+') }]);
    expect(okKeys).toContain(good);
    expect(rt.list('customrecord_fx_log').at(-1)?.fields.custrecord_fx_log_message).toBe(
      `out=1:${okKeys.join('+')} errors=${bad}=FX_BAD_CUSTOMER;${greedy}=SSS_USAGE_LIMIT_EXCEEDED input=ok`,
    );
    rt.ui.record.delete({ type: 'customer', id: bad });
    rt.ui.record.delete({ type: 'customer', id: greedy });
  });

  test('a failing getInputData skips map and reduce; summarize still runs and sees the error', () => {
    const report = rt.runMapReduce('customscript_fx_mr', 'customdeploy_fx_mr', {
      custscript_fx_mr_mode: 'fail',
    });
    expect(report).toMatchObject({ status: 'FAILED', inputError: { name: 'FX_INPUT' }, output: [] });
    expect(report.stages.map).toHaveLength(0);
    expect(rt.list('customrecord_fx_log').at(-1)?.fields.custrecord_fx_log_message).toBe(
      'out= errors= input=FX_INPUT',
    );
  });
});
