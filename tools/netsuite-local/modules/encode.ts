// N/encode: convert between UTF_8, BASE_16/HEX, BASE_64 and BASE_64_URL_SAFE.
import type * as N_encode from 'N/encode';
import { nsError } from '../errors';
import { requireOptions } from './common';

export const ENCODING = {
  UTF_8: 'UTF_8',
  BASE_16: 'BASE_16',
  BASE_32: 'BASE_32',
  BASE_64: 'BASE_64',
  BASE_64_URL_SAFE: 'BASE_64_URL_SAFE',
  HEX: 'HEX',
} as const;

const NODE: Record<string, BufferEncoding> = {
  UTF_8: 'utf8',
  BASE_16: 'hex',
  HEX: 'hex',
  BASE_64: 'base64',
  BASE_64_URL_SAFE: 'base64url',
};

export function convertEncoding(text: string, from: string, to: string): string {
  const a = NODE[String(from)];
  const b = NODE[String(to)];
  if (!a || !b)
    throw nsError(
      'SSS_NOT_YET_SUPPORTED',
      `Encoding ${!a ? from : to} is not modeled by the local NetSuite runtime`,
    );
  return Buffer.from(text, a).toString(b);
}

export function createEncodeModule() {
  const module = {
    convert: (o: { string: string; inputEncoding: string; outputEncoding: string }) => {
      requireOptions('encode.convert', o, 'inputEncoding', 'outputEncoding');
      return convertEncoding(String(o.string ?? ''), o.inputEncoding, o.outputEncoding);
    },
  } as unknown as Pick<typeof N_encode, 'convert'>;
  return { ...module, Encoding: ENCODING };
}
