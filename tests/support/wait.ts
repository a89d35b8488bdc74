/**
 * The one way tests wait for the local Salesforce org: `settled` returns once the org has answered every
 * request it received and delivered every push it queued (POST /__local/settle). A request counts until
 * the org answered it even when its caller gave up: the local NetSuite runtime stops waiting at its
 * request timeout, and the org, still inside an injected latency, applies the request afterwards. Tests
 * settle before they read the org or hand it the next step, so nothing lands late. No sleeps, no polling
 * and no durations: a request still in flight after the org's bound (30 s) fails the test and is named.
 */
import type { LogEntry, SalesforceOrg } from '../../tools/salesforce-local';

type Org = Pick<SalesforceOrg, 'settle' | 'requestLog'>;

/** Resolves once the org has nothing in flight (see above). */
export function settled(org: Pick<SalesforceOrg, 'settle'>): Promise<void> {
  return org.settle();
}

/** Where the org's request log stands now, once settled: pass it to `requestsSince`. */
export async function logMark(org: Org): Promise<number> {
  await org.settle();
  return (await org.requestLog()).length;
}

/** The requests the org logged after `mark`, once every one of them has been answered. */
export async function requestsSince(org: Org, mark: number): Promise<LogEntry[]> {
  await org.settle();
  return (await org.requestLog()).slice(mark);
}
