/**
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import { SyncError } from '../core/errors';
import { parseFinancialsQuery, parsePostBody, type RequestError } from '../core/inbound/request';
import { financialsFor } from '../flows/inbound-financials';
import { handlePush } from '../flows/inbound-push';

/** A refused request: NetSuite answers a RESTlet's thrown error with HTTP 400 and {error: {code, message}}. */
function refuse(problem: RequestError): never {
  const details =
    problem.details && problem.details.length > 1 ? ` Details: ${problem.details.join(' | ')}` : '';
  throw error.create({
    name: `SFSYNC_${problem.code}`,
    message: `${problem.message}${details}`,
    notifyOff: true,
  });
}

function rethrow(thrown: unknown): never {
  if (thrown instanceof SyncError)
    throw error.create({ name: thrown.code, message: thrown.message, notifyOff: true });
  throw thrown;
}

/** Salesforce pushes changed records, Create NetSuite Order or Create Quote; answers per record. */
export const post: EntryPoints.RESTlet.post = (body) => {
  const parsed = parsePostBody(body);
  if (!parsed.ok) refuse(parsed.error);
  try {
    return JSON.stringify(handlePush(parsed.value, new Date()));
  } catch (thrown) {
    rethrow(thrown);
  }
};

/** Update from NetSuite: current financial fields of one customer (?accountId=001… or ?netsuiteId=123). */
export const get: EntryPoints.RESTlet.get = (params) => {
  const parsed = parseFinancialsQuery(params);
  if (!parsed.ok) refuse(parsed.error);
  try {
    return JSON.stringify(financialsFor(parsed.value, new Date()));
  } catch (thrown) {
    rethrow(thrown);
  }
};
