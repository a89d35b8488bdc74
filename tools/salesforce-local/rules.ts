// Salesforce's business rules for the objects a sync writes: opportunity stages and amounts, opportunity
// products and price books, price book entries, contracts and account hierarchies. Documented behaviour
// follows the Object Reference (shared reference salesforce-objects.md); where Salesforce documents no
// error code or no rule, the choice made here is marked "assumption".
import { SfError } from './errors';
import type { Schema } from './schema';
import { CONTRACT_STATUSES, STAGES } from './standard-objects';
import type { Rec, Store } from './store';
import { addDays, addMonths, formatDateTime, round2 } from './values';

export interface RuleEnv {
  schema: Schema;
  store: Store;
  now: Date;
}

export interface ObjectRules {
  /** Before the record is stored: derive fields, reject invalid states. `given` = fields in the request. */
  beforeSave?(env: RuleEnv, rec: Rec, old: Rec | undefined, given: Set<string>): void;
  afterSave?(env: RuleEnv, rec: Rec, old: Rec | undefined): void;
  beforeDelete?(env: RuleEnv, rec: Rec): void;
  afterDelete?(env: RuleEnv, rec: Rec): void;
  /** Values computed when the record is read (formula-like fields). */
  formulas?(env: RuleEnv, rec: Rec): Rec;
}

const integrity = (message: string, fields: string[] = []): SfError =>
  new SfError('FIELD_INTEGRITY_EXCEPTION', `field integrity exception: ${message}`, fields);

const get = (env: RuleEnv, sobject: string, id: unknown): Rec | undefined =>
  typeof id === 'string' ? env.store.get(sobject, id) : undefined;

/** A write the platform makes itself (roll-ups, derived fields): no checks, audit fields updated. */
function systemUpdate(env: RuleEnv, sobject: string, rec: Rec, changes: Rec): void {
  const now = formatDateTime(env.now);
  env.store.put(sobject, { ...rec, ...changes, LastModifiedDate: now, SystemModstamp: now });
}

const changed = (rec: Rec, old: Rec | undefined, field: string, given: Set<string>): boolean =>
  given.has(field) && (!old || rec[field] !== old[field]);

const liveLines = (env: RuleEnv, opportunityId: unknown): Rec[] =>
  env.store.liveWhere('OpportunityLineItem', 'OpportunityId', opportunityId);

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

// ---------------------------------------------------------------------------------------------------

const opportunity: ObjectRules = {
  beforeSave(env, rec, old, given) {
    // Stage drives IsClosed, IsWon, ForecastCategoryName and (unless given) Probability [OR opportunity].
    if (!old || changed(rec, old, 'StageName', given)) {
      const stage = STAGES.find((s) => s.name === rec.StageName);
      if (stage) {
        rec.IsClosed = stage.closed;
        rec.IsWon = stage.won;
        if (!given.has('ForecastCategoryName')) rec.ForecastCategoryName = stage.forecast;
        if (!given.has('Probability')) rec.Probability = stage.probability;
      }
    }
    if (!old || liveLines(env, old.Id).length === 0) return;
    // With products, Amount is the sum of the lines: an update of Amount is ignored, not rejected [OR].
    if (given.has('Amount')) rec.Amount = old.Amount;
    // Price book and currency can't change while lines exist [OR]; assumption: FIELD_INTEGRITY_EXCEPTION.
    if (changed(rec, old, 'Pricebook2Id', given)) {
      throw integrity('Pricebook2Id (pricebook cannot be changed while the opportunity has products)', [
        'Pricebook2Id',
      ]);
    }
    if (changed(rec, old, 'CurrencyIsoCode', given)) {
      throw integrity('CurrencyIsoCode (currency cannot be changed while the opportunity has products)', [
        'CurrencyIsoCode',
      ]);
    }
  },
  formulas(_env, rec) {
    const amount = rec.Amount;
    const probability = rec.Probability;
    return {
      ExpectedRevenue:
        typeof amount === 'number' && typeof probability === 'number'
          ? round2((amount * probability) / 100)
          : null,
    };
  },
};

/** Amount, HasOpportunityLineItem and Pricebook2Id of an opportunity after its lines changed. */
function rollUpLines(env: RuleEnv, opportunityId: unknown, pricebookId?: unknown): void {
  const opp = get(env, 'Opportunity', opportunityId);
  if (!opp || opp.IsDeleted === true) return;
  const lines = liveLines(env, opportunityId);
  // assumption: when the last line is deleted Amount stays at the sum of no lines (0) and is editable again.
  const amount = round2(lines.reduce((sum, l) => sum + num(l.TotalPrice), 0));
  systemUpdate(env, 'Opportunity', opp, {
    Amount: amount,
    HasOpportunityLineItem: lines.length > 0,
    Pricebook2Id: opp.Pricebook2Id ?? pricebookId ?? null,
  });
}

function linePrices(rec: Rec, old: Rec | undefined, given: Set<string>): void {
  const quantity = num(rec.Quantity);
  // assumption (facts §7.2): a zero quantity is rejected with FIELD_INTEGRITY_EXCEPTION.
  if (quantity === 0) throw integrity('Quantity (quantity must be nonzero)', ['Quantity']);
  const discount = rec.Discount == null ? 0 : num(rec.Discount);
  // assumption (facts §7.4): Discount outside 0–100 is rejected with FIELD_INTEGRITY_EXCEPTION.
  if (discount < 0 || discount > 100) throw integrity('Discount (must be between 0 and 100)', ['Discount']);
  const factor = 1 - discount / 100;
  // Which price the request gives decides which one is derived (fields named in the request count, even
  // when they repeat the stored value).
  const unitGiven = given.has('UnitPrice');
  const totalGiven = given.has('TotalPrice');
  if (!old && rec.UnitPrice != null && rec.TotalPrice != null) {
    throw integrity('TotalPrice (cannot specify both unit price and total price)', ['TotalPrice']);
  }
  if (old && unitGiven && totalGiven) {
    throw new SfError('INVALID_FIELD', "Cannot change both 'UnitPrice' and 'TotalPrice' in update call", [
      'UnitPrice',
      'TotalPrice',
    ]);
  }
  if (
    (unitGiven && rec.UnitPrice == null) ||
    (totalGiven && rec.TotalPrice == null) ||
    (!old && !unitGiven && !totalGiven)
  ) {
    // "This field or TotalPrice is required" [OR]; assumption: reported as REQUIRED_FIELD_MISSING.
    throw new SfError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [TotalPrice]', ['TotalPrice']);
  }
  const quantityGiven = given.has('Quantity');
  if (old && quantityGiven && given.has('Discount') && !unitGiven && !totalGiven) {
    // Documented rule; assumption: FIELD_INTEGRITY_EXCEPTION.
    throw integrity('Quantity, Discount (specify UnitPrice or TotalPrice when changing both)', [
      'Quantity',
      'Discount',
    ]);
  }
  // From the total: UnitPrice = TotalPrice / Quantity / (1 − Discount/100), stored unrounded (assumption:
  // Salesforce keeps the extra precision of a derived unit price). Quantity without a price holds the
  // total and recomputes the unit price [OR].
  if (totalGiven || (old && quantityGiven && !unitGiven)) {
    if (factor === 0) throw integrity('TotalPrice (a 100% discount needs UnitPrice)', ['TotalPrice']);
    rec.UnitPrice = num(rec.TotalPrice) / quantity / factor;
    rec.TotalPrice = round2(num(rec.TotalPrice));
    return;
  }
  // From the unit price (also Discount without a price, which holds UnitPrice [OR]):
  // TotalPrice = Quantity × UnitPrice × (1 − Discount/100), rounded to 2 decimals (assumption on rounding).
  rec.TotalPrice = round2(quantity * num(rec.UnitPrice) * factor);
}

const opportunityLineItem: ObjectRules = {
  beforeSave(env, rec, old, given) {
    if (!old) {
      const opp = get(env, 'Opportunity', rec.OpportunityId);
      if (!opp)
        throw new SfError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [OpportunityId]', [
          'OpportunityId',
        ]);
      if (rec.PricebookEntryId == null && rec.Product2Id != null && opp.Pricebook2Id != null) {
        // Product2Id alone resolves to the entry of the opportunity's price book [help 000383141].
        const entry = env.store
          .live('PricebookEntry')
          .find(
            (e) =>
              e.Product2Id === rec.Product2Id &&
              e.Pricebook2Id === opp.Pricebook2Id &&
              e.CurrencyIsoCode === opp.CurrencyIsoCode,
          );
        if (entry) rec.PricebookEntryId = entry.Id;
      }
      const entry = get(env, 'PricebookEntry', rec.PricebookEntryId);
      if (!entry) {
        throw integrity(
          'PricebookEntryId, unknown (versions 3.0 and higher must specify pricebook entry id, others must specify product id)',
          ['PricebookEntryId'],
        );
      }
      if (rec.Product2Id != null && rec.Product2Id !== entry.Product2Id) {
        // assumption: a Product2Id that contradicts the entry is rejected.
        throw integrity('Product2Id (product does not match the pricebook entry)', ['Product2Id']);
      }
      if (entry.IsActive !== true)
        throw integrity('PricebookEntryId (pricebook entry is inactive)', ['PricebookEntryId']);
      if (opp.Pricebook2Id != null && entry.Pricebook2Id !== opp.Pricebook2Id) {
        throw integrity(
          'PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the opportunity)',
          ['PricebookEntryId'],
        );
      }
      if (entry.CurrencyIsoCode !== opp.CurrencyIsoCode) {
        throw integrity(
          'PricebookEntryId (pricebook entry currency code does not match opportunity currency code)',
          ['PricebookEntryId'],
        );
      }
      if (opp.Pricebook2Id == null && get(env, 'Pricebook2', entry.Pricebook2Id)?.IsActive !== true) {
        // The first line sets the price book only if it is active [OR].
        throw integrity('PricebookEntryId (pricebook of the entry is inactive)', ['PricebookEntryId']);
      }
      rec.Product2Id = entry.Product2Id;
      // A single-currency org has no CurrencyIsoCode field at all.
      if ('CurrencyIsoCode' in opp) rec.CurrencyIsoCode = opp.CurrencyIsoCode;
    }
    linePrices(rec, old, given);
  },
  afterSave(env, rec) {
    rollUpLines(env, rec.OpportunityId, get(env, 'PricebookEntry', rec.PricebookEntryId)?.Pricebook2Id);
  },
  afterDelete(env, rec) {
    rollUpLines(env, rec.OpportunityId);
  },
  formulas(env, rec) {
    const entry = get(env, 'PricebookEntry', rec.PricebookEntryId);
    const product = get(env, 'Product2', rec.Product2Id);
    const opp = get(env, 'Opportunity', rec.OpportunityId);
    return {
      ListPrice: entry?.UnitPrice ?? null,
      // assumption: Subtotal = Quantity × UnitPrice before the discount.
      Subtotal: round2(num(rec.Quantity) * num(rec.UnitPrice)),
      Name: `${String(opp?.Name ?? '')} ${String(product?.Name ?? '')}`.trim(),
      ProductCode: product?.ProductCode ?? null,
    };
  },
};

const standardEntryOf = (env: RuleEnv, rec: Rec): Rec | undefined => {
  const standard = env.store.live('Pricebook2').find((b) => b.IsStandard === true);
  return env.store
    .live('PricebookEntry')
    .find(
      (e) =>
        e.Pricebook2Id === standard?.Id &&
        e.Product2Id === rec.Product2Id &&
        e.CurrencyIsoCode === rec.CurrencyIsoCode,
    );
};

const pricebookEntry: ObjectRules = {
  beforeSave(env, rec, old, given) {
    const book = get(env, 'Pricebook2', rec.Pricebook2Id);
    if (book?.IsStandard === true && rec.UseStandardPrice === true) {
      // Standard-book entries carry the standard price themselves (facts §3.10); assumption on the code.
      throw integrity('UseStandardPrice (must be false in the standard price book)', ['UseStandardPrice']);
    }
    if (!old) {
      if (book?.IsStandard !== true && !standardEntryOf(env, rec)) {
        throw new SfError('STANDARD_PRICE_NOT_DEFINED', 'No standard price defined for this product', []);
      }
      const duplicate = env.store
        .live('PricebookEntry')
        .find(
          (e) =>
            e.Pricebook2Id === rec.Pricebook2Id &&
            e.Product2Id === rec.Product2Id &&
            e.CurrencyIsoCode === rec.CurrencyIsoCode,
        );
      if (duplicate) {
        throw new SfError('DUPLICATE_VALUE', 'This price definition already exists in this price book', []);
      }
    }
    if (rec.UseStandardPrice === true) {
      if (given.has('UnitPrice') && rec.UnitPrice != null && (!old || rec.UnitPrice !== old.UnitPrice)) {
        // [help 000193277]: UnitPrice can't be written while UseStandardPrice is true.
        throw integrity('UnitPrice (cannot be set when UseStandardPrice is true)', ['UnitPrice']);
      }
      rec.UnitPrice = standardEntryOf(env, rec)?.UnitPrice ?? null;
    } else if (rec.UnitPrice == null) {
      throw new SfError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [UnitPrice]', ['UnitPrice']);
    }
  },
  afterSave(env, rec, old) {
    // Entries using the standard price follow a change of it.
    if (get(env, 'Pricebook2', rec.Pricebook2Id)?.IsStandard !== true || old?.UnitPrice === rec.UnitPrice)
      return;
    for (const e of env.store.live('PricebookEntry')) {
      if (
        e.UseStandardPrice === true &&
        e.Product2Id === rec.Product2Id &&
        e.CurrencyIsoCode === rec.CurrencyIsoCode
      ) {
        systemUpdate(env, 'PricebookEntry', e, { UnitPrice: rec.UnitPrice });
      }
    }
  },
  formulas(env, rec) {
    const product = get(env, 'Product2', rec.Product2Id);
    return { Name: product?.Name ?? null, ProductCode: product?.ProductCode ?? null };
  },
};

const pricebook: ObjectRules = {
  beforeSave(_env, rec, old, given) {
    // The standard price book can only be updated, and its name is read-only [OR]; assumption on the code.
    if (old?.IsStandard === true && changed(rec, old, 'Name', given)) {
      throw integrity('Name (the standard price book cannot be renamed)', ['Name']);
    }
  },
  beforeDelete(_env, rec) {
    if (rec.IsStandard === true) {
      throw new SfError('DELETE_FAILED', 'The standard price book cannot be deleted', []);
    }
  },
};

const contract: ObjectRules = {
  beforeSave(env, rec, old, given) {
    // Lifecycle [OR contract]: created non-Activated; activated by an update whose only change is Status;
    // never leaves Activated. Error codes are assumptions (FIELD_INTEGRITY_EXCEPTION).
    if (!old) {
      if (rec.Status === 'Activated') {
        throw integrity('Status (a contract must be created in Draft or In Approval Process)', ['Status']);
      }
      rec.ContractNumber = String(env.store.nextAutoNumber('Contract', 100)).padStart(8, '0');
    } else if (old.Status === 'Activated' && rec.Status !== 'Activated') {
      throw integrity('Status (an activated contract cannot change status)', ['Status']);
    } else if (old.Status !== 'Activated' && rec.Status === 'Activated') {
      const others = [...given].filter((f) => f !== 'Status' && rec[f] !== old[f]);
      if (others.length > 0) {
        throw integrity(
          `Status (activate a contract in an update of Status alone, not with ${others.join(', ')})`,
          ['Status'],
        );
      }
      rec.ActivatedDate = formatDateTime(env.now);
    }
    rec.StatusCode = CONTRACT_STATUSES[String(rec.Status)] ?? null;
    // "Calculated by adding the ContractTerm to the StartDate": the term's last day (start + months − 1 day).
    rec.EndDate =
      typeof rec.StartDate === 'string' && typeof rec.ContractTerm === 'number'
        ? addDays(addMonths(rec.StartDate, rec.ContractTerm), -1)
        : null;
  },
  beforeDelete(_env, rec) {
    // Contracts can be deleted only while Draft or In Approval [OR]; assumption on the code.
    if (rec.Status === 'Activated')
      throw new SfError('DELETE_FAILED', 'An activated contract cannot be deleted', []);
  },
};

const account: ObjectRules = {
  beforeSave(env, rec) {
    // The platform rejects a hierarchy cycle; assumption: errorCode CIRCULAR_DEPENDENCY.
    let parentId = rec.ParentId;
    for (let depth = 0; parentId != null && depth < 1000; depth++) {
      if (parentId === rec.Id) {
        throw new SfError('CIRCULAR_DEPENDENCY', 'Parent Account: the hierarchy would contain a cycle', [
          'ParentId',
        ]);
      }
      parentId = get(env, 'Account', parentId)?.ParentId;
    }
  },
};

const contact: ObjectRules = {
  formulas(_env, rec) {
    return { Name: [rec.FirstName, rec.LastName].filter((p) => p != null && p !== '').join(' ') };
  },
};

export const RULES: Record<string, ObjectRules> = {
  Account: account,
  Contact: contact,
  Opportunity: opportunity,
  OpportunityLineItem: opportunityLineItem,
  PricebookEntry: pricebookEntry,
  Pricebook2: pricebook,
  Contract: contract,
};
