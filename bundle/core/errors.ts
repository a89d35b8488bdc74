/**
 * Typed sync errors. Every failure carries the platform's error code, whether trying again can help, and a
 * message an administrator can act on: it names the record, the field when there is one, and the fix.
 * Nothing is swallowed: callers either handle a SyncError or let it reach the Integration Log. Messages are
 * redacted when the error is made, so no token or secret can travel further in one.
 */
import { redact } from './text';

export type ErrorSource = 'salesforce' | 'netsuite' | 'network' | 'sfsync';

export interface SalesforceErrorItem {
  errorCode: string;
  message: string;
  fields?: string[];
  /** The external ID field the failed request upserted by (`PATCH …/{SObject}/{Field}/{value}` or a collection). */
  upsertField?: string;
}

export class SyncError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly source: ErrorSource;
  readonly httpStatus: number | null;
  readonly fields: string[];
  /** Redacted request/response excerpts for the log. */
  request = '';
  response = '';

  constructor(options: {
    code: string;
    message: string;
    retryable: boolean;
    source: ErrorSource;
    httpStatus?: number | null;
    fields?: string[];
  }) {
    super(redact(options.message));
    this.name = 'SyncError';
    this.code = options.code;
    this.retryable = options.retryable;
    this.source = options.source;
    this.httpStatus = options.httpStatus ?? null;
    this.fields = options.fields ?? [];
  }
}

/** Salesforce codes where trying again later can succeed without anyone changing data. */
const RETRYABLE_SALESFORCE = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'REQUEST_LIMIT_EXCEEDED',
  'INVALID_SESSION_ID',
  'REQUEST_RUNNING_TOO_LONG',
  'QUERY_TIMEOUT',
  'API_CURRENTLY_DISABLED',
  'UNKNOWN_EXCEPTION',
  'TXN_SECURITY_METERING_ERROR',
]);

/** NetSuite error names (N/https and platform) where trying again can succeed. */
const RETRYABLE_NETSUITE = new Set([
  'SSS_REQUEST_TIME_EXCEEDED',
  'SSS_CONNECTION_TIME_OUT',
  'SSS_CONNECTION_CLOSED',
  'SSS_REQUEST_LOOP_DETECTED',
  'SSS_USAGE_LIMIT_EXCEEDED',
  'SSS_TIME_LIMIT_EXCEEDED',
  'RCRD_HAS_BEEN_CHANGED',
  'UNEXPECTED_ERROR',
]);

export function isRetryableCode(code: string, status?: number | null): boolean {
  if (RETRYABLE_SALESFORCE.has(code) || RETRYABLE_NETSUITE.has(code)) return true;
  return status !== undefined && status !== null && status >= 500;
}

function fieldList(fields: string[] | undefined): string {
  return fields && fields.length > 0 ? fields.join(', ') : '';
}

/** Where each Salesforce field of the sync comes from in NetSuite, for messages that name the source. */
const FIELD_SOURCES: Record<string, string> = {
  Name: 'the record name (customer company name, or order number)',
  StageName: 'the setting "Stage for NetSuite Originated Opportunities"',
  CloseDate: 'the order date',
  AccountId: "the order's customer (its Salesforce Account ID)",
  Pricebook2Id: 'the price book settings (default price book or price level map)',
  PricebookEntryId: "the line's item (its Salesforce price book entry)",
  CurrencyIsoCode: 'the currency of the order or customer',
  Quantity: 'the line quantity',
  LastName: 'the contact last name',
};

/** "No such column 'CurrencyIsoCode'": the org has no multi-currency (writes name the field, queries only say it). */
function noCurrencyField(item: SalesforceErrorItem): boolean {
  return (item.fields ?? []).includes('CurrencyIsoCode') || /'CurrencyIsoCode'/.test(item.message);
}

/** Plain words for a Salesforce error, naming the field and what to do. */
export function describeSalesforceError(item: SalesforceErrorItem, subject: string): string {
  const fields = fieldList(item.fields);
  const sources = (item.fields ?? [])
    .map((f) => (FIELD_SOURCES[f] ? `${f} comes from ${FIELD_SOURCES[f]}` : ''))
    .filter(Boolean)
    .join('; ');
  switch (item.errorCode) {
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return `Salesforce rejected ${subject} with a validation rule: "${item.message}". Change the record in NetSuite (or ask your Salesforce admin about the rule), then save it again or press Retry.`;
    case 'REQUIRED_FIELD_MISSING':
      return `Salesforce needs a value for ${fields || 'a required field'} on ${subject}. ${sources ? sources + '. ' : ''}Fill it in NetSuite and save again.`;
    case 'STRING_TOO_LONG':
      return `A value is too long for Salesforce field ${fields || '(unknown)'} on ${subject}: ${item.message}. Shorten it in NetSuite.`;
    case 'INVALID_FIELD':
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
      if (item.errorCode === 'INVALID_FIELD' && noCurrencyField(item))
        return `Salesforce refused ${subject}: the org has no field CurrencyIsoCode, so multi-currency is not enabled there. Check "Salesforce Org Has One Currency" in sfsync Settings (sfsync then never sends or reads a currency), then save the record again or press Retry.`;
      return `Salesforce does not accept field ${fields || ''} on ${subject}: ${item.message}. Check that the sfsync Salesforce fields are deployed and visible to the integration user, and check the field mapping overrides in sfsync Settings.`;
    case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
      return `Salesforce picklist ${fields || ''} does not allow the value sent for ${subject}: ${item.message}. Add the value in Salesforce or change the setting that supplies it.`;
    case 'UNABLE_TO_LOCK_ROW':
      return `Salesforce was busy updating the same record (${subject}) and could not lock it. sfsync will try again automatically.`;
    case 'REQUEST_LIMIT_EXCEEDED':
      return `The Salesforce org has reached its API request limit, so nothing was sent for ${subject}. sfsync pauses its retry queue for an hour without using up attempts, then sends the record's latest state. Raise the org's limit (or spread out large imports) if this happens often.`;
    case 'SERVER_UNAVAILABLE':
      return `Salesforce was unavailable when sending ${subject}. sfsync will try again automatically.`;
    case 'INVALID_SESSION_ID':
      return `Salesforce did not accept the access token for ${subject}, even after getting a new one. sfsync will try again automatically; if this keeps happening, check the Client ID, the API Secret and that the Salesforce app allows the client credentials flow.`;
    case 'DUPLICATE_VALUE':
      return `Salesforce already has another record with the same unique value on ${subject}: ${item.message}. Link or merge the duplicate in Salesforce, then press Retry.`;
    case 'MULTIPLE_CHOICES':
      return `Several Salesforce records carry the same NetSuite ID (field NetSuite_Id__c) as ${subject}, so sfsync cannot tell which one to update. Merge or delete the duplicates in Salesforce (or clear NetSuite_Id__c on all but one), then press Retry.`;
    case 'ENTITY_IS_DELETED':
      return `The Salesforce record linked to ${subject} was deleted in Salesforce. To send it again as a new record, clear its Salesforce ID on the NetSuite record (${linkField(subject)}) and save; or restore it from the Salesforce recycle bin and press Retry.`;
    case 'INVALID_CROSS_REFERENCE_KEY':
    case 'MALFORMED_ID':
      return `A Salesforce ID used for ${subject} does not point at a valid record (${fields || item.message}). Check the linked Salesforce IDs on the NetSuite records.`;
    case 'FIELD_INTEGRITY_EXCEPTION':
      return `Salesforce refused values of ${subject}: ${item.message}${fields ? ` (${fields})` : ''}.`;
    case 'NOT_FOUND':
      return `Salesforce could not find a record used by ${subject}: ${item.message}.`;
    case 'STANDARD_PRICE_NOT_DEFINED':
      return `A product on ${subject} has no price in the Salesforce Standard Price Book. Add a standard price, or allow sfsync to create missing price book entries in Settings.`;
    default:
      if (/^HTTP_5\d\d$/.test(item.errorCode))
        return `Salesforce had a temporary problem (${item.errorCode.replace('_', ' ')}) while receiving ${subject}. sfsync will try again automatically.`;
      return `Salesforce rejected ${subject}: ${item.errorCode}: ${item.message}`;
  }
}

/** The NetSuite field holding the Salesforce ID for a subject such as "order SO1" or "customer C-7". */
function linkField(subject: string): string {
  if (/^order\b/i.test(subject)) return 'field "Salesforce Opportunity ID" on the order';
  if (/^customer\b/i.test(subject)) return 'field "Salesforce Account ID" on the customer';
  return 'the Salesforce ID field';
}

/**
 * Two upserts of one new external ID at once (a customer's save and its order's, say) both find no record
 * and both insert; Salesforce's unique index lets one through and fails the other with DUPLICATE_VALUE on
 * that field. Trying again finds the record the first one made and updates it, so that DUPLICATE_VALUE is
 * retryable — unlike one on another field, or on a request that did not upsert by the field.
 */
export function isUpsertRace(item: SalesforceErrorItem): boolean {
  const field = item.upsertField;
  if (!field || item.errorCode !== 'DUPLICATE_VALUE') return false;
  if ((item.fields ?? []).includes(field)) return true;
  // Salesforce often leaves `fields` empty here; the message names the field.
  return item.message.toLowerCase().startsWith(`duplicate value found: ${field.toLowerCase()} `);
}

export function salesforceError(items: SalesforceErrorItem[], status: number, subject: string): SyncError {
  const first: SalesforceErrorItem = items.find((i) => i.errorCode !== 'PROCESSING_HALTED') ??
    items[0] ?? { errorCode: `HTTP_${status}`, message: `HTTP ${status}` };
  const code = first.errorCode;
  const race = isUpsertRace(first);
  return new SyncError({
    code,
    message: race
      ? `Salesforce was creating the same record for ${subject} in another sync at the same moment (same ${first.upsertField}), so this one found the value taken. sfsync will try again automatically and update the record the other sync made.`
      : describeSalesforceError(first, subject),
    retryable: race || isRetryableCode(code, status),
    source: 'salesforce',
    httpStatus: status,
    fields: first.fields ?? [],
  });
}

/** "order SO1" → "Order SO1". */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Makes sure the message names the record the sync was about: an error raised deep down (the Salesforce
 * login, one step of a composite request) names what it was doing, not always which record it was for.
 */
export function namingSubject(error: SyncError, subject: string): SyncError {
  if (!subject || error.message.toLowerCase().includes(subject.toLowerCase())) return error;
  const named = new SyncError({
    code: error.code,
    message: `${capitalized(subject)}: ${error.message}`,
    retryable: error.retryable,
    source: error.source,
    httpStatus: error.httpStatus,
    fields: error.fields,
  });
  named.request = error.request;
  named.response = error.response;
  return named;
}

/** Plain words for a NetSuite error name (N/https and platform errors). */
function describeNetSuiteError(name: string, message: string, subject: string): string {
  switch (name) {
    case 'SSS_REQUEST_TIME_EXCEEDED':
    case 'SSS_CONNECTION_TIME_OUT':
      return `Salesforce did not answer in time while sending ${subject}. sfsync will try again automatically.`;
    case 'SSS_CONNECTION_CLOSED':
      return `sfsync could not reach Salesforce (the connection was refused or closed) while sending ${subject}. sfsync will try again automatically. If this keeps happening, check that "Salesforce My Domain URL" in sfsync Settings is right and that Salesforce is up.`;
    case 'SSS_UNKNOWN_HOST':
      return `The Salesforce address in sfsync Settings does not exist (${message}), so ${subject} was not sent. Check "Salesforce My Domain URL" (e.g. https://yourcompany.my.salesforce.com), then press Retry.`;
    case 'SSS_INVALID_URL':
    case 'SSS_INVALID_HOST_CERT':
      return `The Salesforce address in sfsync Settings is not usable (${message}), so ${subject} was not sent. Check "Salesforce My Domain URL", then press Retry.`;
    case 'SSS_SECRET_NOT_FOUND':
      return `The API Secret custsecret_sfsync_client_secret is missing or not available to the sfsync scripts, so ${subject} was not sent. Create it (Setup > Company > API Secrets) with the Salesforce client secret, then press Retry.`;
    case 'SSS_USAGE_LIMIT_EXCEEDED':
      return `NetSuite stopped the sync of ${subject} because the script ran out of governance units. sfsync will finish it from the retry queue.`;
    case 'RCRD_HAS_BEEN_CHANGED':
      return `Someone else saved ${subject} while sfsync was writing to it. sfsync will try again automatically.`;
    case 'RCRD_DSNT_EXIST':
      return `A NetSuite record needed for ${subject} does not exist any more: ${message}`;
    default:
      return `NetSuite reported ${name} while syncing ${subject}: ${message}`;
  }
}

/** Wraps anything thrown (NetSuite SuiteScriptError, SyncError, Error, string) as a SyncError naming `subject`. */
export function toSyncError(thrown: unknown, subject: string): SyncError {
  if (thrown instanceof SyncError) return namingSubject(thrown, subject);
  const e = thrown as { name?: unknown; message?: unknown } | null;
  const name = e && typeof e.name === 'string' ? e.name : 'UNEXPECTED_ERROR';
  const message = e && typeof e.message === 'string' ? e.message : String(thrown);
  const network = name.startsWith('SSS_') && /REQUEST|CONNECTION|HOST|URL/.test(name);
  return new SyncError({
    code: name,
    message: describeNetSuiteError(name, message, subject),
    retryable: isRetryableCode(name),
    source: network ? 'network' : 'netsuite',
  });
}
