/** Report files in the File Cabinet (N/file): save 20 units, load 10. */
import * as file from 'N/file';

/** Assumption: the SuiteScripts folder's internal ID is -15 in every account (the default report folder). */
export const SUITESCRIPTS_FOLDER = -15;

export type ReportType = 'CSV' | 'JSON';

/** Saves a report (a file of the same name in the folder is replaced); returns the file's internal ID. */
export function saveReport(
  folder: number,
  name: string,
  type: ReportType,
  contents: string,
  description: string,
): number {
  const report = file.create({
    name,
    fileType: type === 'CSV' ? file.Type.CSV : file.Type.JSON,
    contents,
    description: description.slice(0, 999),
    folder: folder || SUITESCRIPTS_FOLDER,
  });
  return report.save();
}

/** A report's text by internal ID or path (e.g. "SuiteScripts/x.json"); null when there is none. */
export function loadReport(idOrPath: number | string): string | null {
  try {
    return file.load({ id: idOrPath }).getContents();
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return null;
    throw e;
  }
}
