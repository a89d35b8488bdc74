// N/email: messages are captured in runtime.emails, not sent. send 20 units, sendBulk 10.
import type * as N_email from 'N/email';
import type { Execution } from '../execution';
import type { Host } from '../host';
import { requireOptions, withPromise } from './common';

type SendOptions = Parameters<typeof N_email.send>[0];

export function createEmailModule(host: Host, exec: Execution) {
  const sender = (api: string, units: number) =>
    withPromise((o: SendOptions): void => {
      requireOptions(api, o, 'author', 'recipients', 'subject', 'body');
      exec.charge(api, units);
      host.emails.push({
        author: o.author,
        recipients: o.recipients,
        subject: String(o.subject),
        body: String(o.body),
        cc: o.cc,
        bcc: o.bcc,
        scriptId: exec.script?.id,
      });
    });
  const module: Pick<typeof N_email, 'send' | 'sendBulk'> = {
    send: sender('email.send', 20),
    sendBulk: sender('email.sendBulk', 10),
  };
  return module;
}
