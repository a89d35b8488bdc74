/** Qualification saved searches (Advanced mode): a record qualifies when the search returns it. */
import * as search from 'N/search';

export function inSavedSearch(searchId: string, recordId: string): boolean {
  const saved = search.load({ id: searchId });
  const filters =
    saved.filterExpression && saved.filterExpression.length > 0
      ? [saved.filterExpression, 'AND', ['internalid', 'anyof', [recordId]]]
      : [['internalid', 'anyof', [recordId]]];
  return (
    search
      .create({ type: saved.searchType, filters, columns: ['internalid'] })
      .run()
      .getRange({ start: 0, end: 1 }).length > 0
  );
}
