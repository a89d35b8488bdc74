'use strict';
// Preloaded (NODE_OPTIONS=--require) into the local Salesforce org's process by the poller paging test:
// `new Date()` and `Date.now()` return SFSYNC_FROZEN_NOW there, so thousands of records share one
// SystemModstamp, as after a bulk load. Without the variable nothing changes.
const frozen = process.env.SFSYNC_FROZEN_NOW ? Date.parse(process.env.SFSYNC_FROZEN_NOW) : NaN;
if (!Number.isNaN(frozen)) {
  const RealDate = Date;
  class FrozenDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(frozen);
      else super(...args);
    }
    static now() {
      return frozen;
    }
  }
  globalThis.Date = FrozenDate;
}
