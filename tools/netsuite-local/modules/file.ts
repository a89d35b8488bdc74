// N/file: create (no units), load (10 units), File.save (20 units) against the in-memory File Cabinet.
// Text files only: contents are kept as given. Other members (copy, delete, readers, appendLine) fail
// loudly as not modeled.
import type * as N_file from 'N/file';
import { missingArgument, nsError } from '../errors';
import type { Execution } from '../execution';
import type { StoredFile } from '../filecabinet';
import type { Host } from '../host';
import { requireOptions, strictModule } from './common';

const TYPES = [
  'APPCACHE AUTOCAD BMPIMAGE CERTIFICATE CONFIG CSV EXCEL FLASH FREEMARKER GIFIMAGE GZIP HTMLDOC ICON',
  'JAVASCRIPT JPGIMAGE JSON MESSAGERFC MP3 MPEGMOVIE MSPROJECT PDF PJPGIMAGE PLAINTEXT PNGIMAGE POSTSCRIPT',
  'POWERPOINT QUICKTIME RTF SCSS SMS STYLESHEET SVG TAR TIFFIMAGE VISIO WEBAPPPAGE WEBAPPSCRIPT WORD XMLDOC',
  'XSD ZIP',
]
  .join(' ')
  .split(' ');
const TYPE = Object.fromEntries(TYPES.map((t) => [t, t]));
const TEXT_TYPES = new Set([
  'CSV',
  'HTMLDOC',
  'JAVASCRIPT',
  'JSON',
  'PLAINTEXT',
  'XMLDOC',
  'XSD',
  'STYLESHEET',
  'SCSS',
  'CONFIG',
  'FREEMARKER',
  'SVG',
]);
const ENCODING = Object.fromEntries(
  ['UTF_8', 'WINDOWS_1252', 'ISO_8859_1', 'GB18030', 'SHIFT_JIS', 'MAC_ROMAN', 'GB2312', 'BIG5'].map((e) => [
    e,
    e.replace(/_/g, '-'),
  ]),
);

/** Assumption: N/file's documented 10 MB limit for contents created in a script. */
const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

export function createFileModule(host: Host, exec: Execution) {
  const cabinet = host.fileCabinet;

  const wrap = (initial: Omit<StoredFile, 'id'> & { id: number | null }): N_file.File => {
    const state = { ...initial };
    const file = {
      get id() {
        return state.id as number;
      },
      get name() {
        return state.name;
      },
      set name(v: string) {
        state.name = String(v);
      },
      get folder() {
        return state.folder;
      },
      set folder(v: number) {
        state.folder = Number(v);
      },
      get fileType() {
        return state.fileType as unknown as N_file.Type;
      },
      get description() {
        return state.description;
      },
      set description(v: string) {
        state.description = String(v ?? '');
      },
      get encoding() {
        return state.encoding;
      },
      set encoding(v: string) {
        state.encoding = String(v);
      },
      get isOnline() {
        return state.isOnline;
      },
      set isOnline(v: boolean) {
        state.isOnline = Boolean(v);
      },
      get isInactive() {
        return state.isInactive;
      },
      set isInactive(v: boolean) {
        state.isInactive = Boolean(v);
      },
      get isText() {
        return TEXT_TYPES.has(state.fileType);
      },
      get size() {
        return Buffer.byteLength(state.contents, 'utf8');
      },
      get path() {
        return state.id === null ? '' : `${cabinet.folderPath(state.folder)}/${state.name}`;
      },
      get url() {
        return state.id === null ? '' : `/core/media/media.nl?id=${state.id}`;
      },
      getContents: () => state.contents,
      save: (): number => {
        exec.charge('File.save', 20);
        if (state.folder === undefined || state.folder === null || Number.isNaN(state.folder))
          throw nsError('SSS_MISSING_REQD_ARGUMENT', 'Please enter value(s) for: Folder');
        if (!cabinet.folders.has(state.folder))
          throw nsError('INVALID_KEY_OR_REF', `Invalid folder reference key ${state.folder}.`);
        state.id = cabinet.save({ ...state, folder: state.folder });
        return state.id;
      },
      toJSON: () => ({
        id: state.id,
        name: state.name,
        folder: state.folder,
        fileType: state.fileType,
        size: Buffer.byteLength(state.contents, 'utf8'),
      }),
    };
    return strictModule('N/file.File', file) as unknown as N_file.File;
  };

  const create = (options: N_file.FileCreateOptions): N_file.File => {
    requireOptions('file.create', options, 'name', 'fileType');
    const fileType = String(options.fileType);
    if (!TYPE[fileType]) throw nsError('SSS_INVALID_TYPE_ARG', `Invalid file type: ${fileType}`);
    const contents = options.contents === undefined ? '' : String(options.contents);
    if (Buffer.byteLength(contents, 'utf8') > MAX_CONTENT_BYTES)
      throw nsError(
        'SSS_FILE_CONTENT_SIZE_EXCEEDED',
        'The file content you are attempting to access exceeds the maximum allowed size of 10 MB.',
      );
    return wrap({
      id: null,
      name: String(options.name),
      folder: options.folder === undefined ? (undefined as unknown as number) : Number(options.folder),
      fileType,
      contents,
      description: options.description ?? '',
      encoding: options.encoding === undefined ? 'UTF-8' : String(options.encoding),
      isOnline: options.isOnline ?? false,
      isInactive: options.isInactive ?? false,
    });
  };

  const load = (options: N_file.FileLoadOptions | number | string): N_file.File => {
    const id = typeof options === 'object' && options !== null ? options.id : options;
    if (id === undefined || id === null || id === '') throw missingArgument('file.load', 'id');
    exec.charge('file.load', 10);
    const found = cabinet.find(id);
    if (!found) throw nsError('RCRD_DSNT_EXIST', `That record does not exist. path: ${String(id)}`);
    return wrap({ ...found });
  };

  return { create, load, Type: TYPE, Encoding: ENCODING };
}
