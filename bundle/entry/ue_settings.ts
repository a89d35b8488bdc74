/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { forgetSettings } from '../adapters/settings-store';

/** sfsync Settings saved: drop the cached copy so the change applies to the next sync. */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = () => {
  forgetSettings();
};
