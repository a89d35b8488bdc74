/** The poller's watermark per Salesforce object, kept in customrecord_sfsync_watermark (2 + 4 units to save). */
import * as record from 'N/record';
import * as search from 'N/search';
import { WATERMARK } from '../catalogue';
import type { Watermark } from '../core/inbound/soql';
import type { InboundObject } from '../core/inbound/types';

export interface StoredWatermark {
  recordId: string;
  mark: Watermark;
}

export function loadWatermark(object: InboundObject): StoredWatermark {
  const first = search
    .create({
      type: WATERMARK.type,
      filters: [[WATERMARK.object, 'is', object], 'AND', ['isinactive', 'is', 'F']],
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
        WATERMARK.time,
        WATERMARK.lastId,
      ],
    })
    .run()
    .getRange({ start: 0, end: 1 })[0];
  if (!first) return { recordId: '', mark: { time: '', lastId: '' } };
  return {
    recordId: String(first.id),
    mark: {
      time: String(first.getValue({ name: WATERMARK.time }) ?? ''),
      lastId: String(first.getValue({ name: WATERMARK.lastId }) ?? ''),
    },
  };
}

export function saveWatermark(object: InboundObject, stored: StoredWatermark, mark: Watermark): string {
  const rec = stored.recordId
    ? record.load({ type: WATERMARK.type, id: stored.recordId })
    : record.create({ type: WATERMARK.type });
  rec.setValue({ fieldId: 'name', value: `Salesforce ${object}` });
  rec.setValue({ fieldId: WATERMARK.object, value: object });
  rec.setValue({ fieldId: WATERMARK.time, value: mark.time });
  rec.setValue({ fieldId: WATERMARK.lastId, value: mark.lastId });
  return String(rec.save());
}
