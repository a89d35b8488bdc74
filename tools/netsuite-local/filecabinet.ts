// The File Cabinet, in memory: folders and files by internal id, paths like "SuiteScripts/report.csv".
// Only what N/file create/load/save needs. Not saved with saveState().

export interface StoredFile {
  id: number;
  name: string;
  folder: number;
  fileType: string;
  contents: string;
  description: string;
  encoding: string;
  isOnline: boolean;
  isInactive: boolean;
}

export interface Folder {
  id: number;
  name: string;
  /** Parent folder id; null for a top-level folder. */
  parent: number | null;
}

/** Assumption: the SuiteScripts folder has internal id -15 in every account (seen in public projects). */
export const SUITESCRIPTS_FOLDER = -15;

export class FileCabinet {
  readonly folders = new Map<number, Folder>([
    [SUITESCRIPTS_FOLDER, { id: SUITESCRIPTS_FOLDER, name: 'SuiteScripts', parent: null }],
  ]);
  readonly files = new Map<number, StoredFile>();
  private nextId = 1;

  createFolder(name: string, parent: number | null = SUITESCRIPTS_FOLDER): number {
    if (parent !== null && !this.folders.has(parent)) throw new Error(`no folder ${parent}`);
    const id = this.nextId++;
    this.folders.set(id, { id, name, parent });
    return id;
  }

  folderPath(id: number): string {
    const parts: string[] = [];
    let folder = this.folders.get(id);
    for (let guard = 0; folder && guard < 50; guard++) {
      parts.unshift(folder.name);
      folder = folder.parent === null ? undefined : this.folders.get(folder.parent);
    }
    return parts.join('/');
  }

  filePath(file: StoredFile): string {
    return `${this.folderPath(file.folder)}/${file.name}`;
  }

  /** A file by internal id or by absolute path ("SuiteScripts/x.csv" or "/SuiteScripts/x.csv"). */
  find(idOrPath: number | string): StoredFile | undefined {
    const text = String(idOrPath).trim();
    if (/^-?\d+$/.test(text)) return this.files.get(Number(text));
    const wanted = text.replace(/^\/+/, '');
    return [...this.files.values()].find((f) => this.filePath(f) === wanted);
  }

  /**
   * Stores a file. Assumption: a file saved under a name that already exists in the folder replaces
   * that file (same internal id), as saving the same name again does in the File Cabinet UI.
   */
  save(file: Omit<StoredFile, 'id'> & { id: number | null }): number {
    const same = [...this.files.values()].find((f) => f.folder === file.folder && f.name === file.name);
    const id = file.id ?? same?.id ?? this.nextId++;
    if (same && same.id !== id) this.files.delete(same.id);
    this.files.set(id, { ...file, id });
    return id;
  }
}
