// The state of one local org: schema, records, tokens, usage, faults, query cursors and outbound pushes,
// with the rows a new org starts with (the integration user, the opportunity stages, the standard price book).
import { Auth } from './auth';
import { Dml, INTEGRATION_USER_ID } from './dml';
import { Faults } from './faults';
import { Outbound } from './outbound';
import { loadSchema, type ObjectDef, type Schema } from './schema';
import type { SoqlEnv } from './soql';
import { STAGES } from './standard-objects';
import { Store, type Rec } from './store';
import { Usage } from './usage';
import { formatDateTime } from './values';

export interface OrgOptions {
  projectDir: string;
  apiLimit?: number;
  clientId?: string;
  clientSecret?: string;
  /** Version used by the admin helpers and advertised as the latest (default 62.0). */
  defaultApiVersion?: string;
  /** false: a single-currency org, whose objects have no CurrencyIsoCode field (default true). */
  multiCurrency?: boolean;
}

export const DEFAULT_API_LIMIT = 100000;

export interface Cursor {
  records: Rec[];
  batchSize: number;
  version: string;
}

export class Org {
  readonly schema: Schema;
  readonly store = new Store();
  readonly dml: Dml;
  readonly auth: Auth;
  readonly faults = new Faults();
  readonly usage: Usage;
  readonly outbound = new Outbound();
  readonly cursors = new Map<string, Cursor>();
  readonly defaultApiVersion: string;
  instanceUrl = '';

  constructor(readonly options: OrgOptions) {
    this.schema = loadSchema(options.projectDir, { multiCurrency: options.multiCurrency !== false });
    this.dml = new Dml(this.schema, this.store);
    this.dml.validator = this.faults.validate;
    this.auth = new Auth(
      options.clientId ?? 'sfsync-local-client',
      options.clientSecret ?? 'sfsync-local-secret',
      INTEGRATION_USER_ID,
    );
    this.usage = new Usage(options.apiLimit ?? DEFAULT_API_LIMIT);
    this.defaultApiVersion = options.defaultApiVersion ?? '62.0';
    this.seed();
  }

  object(name: string): ObjectDef {
    return this.dml.object(name);
  }

  view = (sobject: string, rec: Rec): Rec => this.dml.view(this.object(sobject), rec);

  soqlEnv(version: string): SoqlEnv {
    return {
      schema: this.schema,
      store: this.store,
      view: (o, rec) => this.dml.view(o, rec),
      apiPrefix: `/services/data/v${version}`,
    };
  }

  /** Commits the current transaction and hands its changes to the outbound pushes. */
  commit(): void {
    this.outbound.dispatch(this.store.commit(), this.view);
  }

  /** Back to a new org: records, usage, faults, cursors and pushes cleared. Issued tokens stay valid. */
  reset(): void {
    this.store.clear();
    this.usage.reset();
    this.usage.limit = this.options.apiLimit ?? DEFAULT_API_LIMIT;
    this.faults.clear();
    this.outbound.clear();
    this.cursors.clear();
    this.seed();
  }

  get standardPricebookId(): string {
    const book = this.store.live('Pricebook2').find((b) => b.IsStandard === true);
    return String(book?.Id);
  }

  private systemInsert(sobject: string, fields: Rec, id?: string): string {
    const o = this.object(sobject);
    const now = formatDateTime(new Date());
    const rec: Rec = {};
    for (const f of o.fields) rec[f.name] = f.defaultValue ?? null;
    Object.assign(rec, {
      Id: id ?? this.store.ids.next(o.keyPrefix),
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: INTEGRATION_USER_ID,
      LastModifiedDate: now,
      LastModifiedById: INTEGRATION_USER_ID,
      SystemModstamp: now,
      ...fields,
    });
    this.store.put(sobject, rec);
    return String(rec.Id);
  }

  private seed(): void {
    this.systemInsert(
      'User',
      {
        Username: 'integration@sfsync.local',
        FirstName: 'Integration',
        LastName: 'User',
        Name: 'Integration User',
        Email: 'integration@sfsync.local',
        Alias: 'integ',
        IsActive: true,
      },
      INTEGRATION_USER_ID,
    );
    STAGES.forEach((s, i) =>
      this.systemInsert('OpportunityStage', {
        ApiName: s.name,
        MasterLabel: s.name,
        IsActive: true,
        IsClosed: s.closed,
        IsWon: s.won,
        DefaultProbability: s.probability,
        ForecastCategoryName: s.forecast,
        ForecastCategory: s.forecast === 'Commit' ? 'Forecast' : s.forecast.replace(' ', ''),
        SortOrder: i + 1,
      }),
    );
    this.systemInsert('Pricebook2', { Name: 'Standard Price Book', IsActive: true, IsStandard: true });
    this.store.commit();
  }
}
