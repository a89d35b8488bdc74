// N/url: local URLs for scripts (RESTlet / Suitelet endpoints of listen()) and records.
import type * as N_url from 'N/url';
import { nsError } from '../errors';
import type { Host } from '../host';
import { requireOptions } from './common';

const RECORD_PATHS: Record<string, string> = {
  customer: '/app/common/entity/custjob.nl',
  contact: '/app/common/entity/contact.nl',
  employee: '/app/common/entity/employee.nl',
  salesorder: '/app/accounting/transactions/salesord.nl',
  estimate: '/app/accounting/transactions/estimate.nl',
};

const query = (params: Record<string, unknown> | undefined): string =>
  Object.entries(params ?? {})
    .map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('');

export function createUrlModule(host: Host) {
  const resolveScript = (o: {
    scriptId: string | number;
    deploymentId: string | number;
    params?: Record<string, unknown>;
    returnExternalUrl?: boolean;
  }) => {
    requireOptions('url.resolveScript', o, 'scriptId', 'deploymentId');
    const script = [...host.project.scripts.values()].find(
      (s) => s.id === String(o.scriptId) || String(s.internalId) === String(o.scriptId),
    );
    const deployment = script?.deployments.find(
      (d) => d.id === String(o.deploymentId) || String(d.internalId) === String(o.deploymentId),
    );
    if (!script || !deployment)
      throw nsError(
        'INVALID_SCRIPT_DEPLOYMENT_ID_1',
        `No deployment ${o.deploymentId} of script ${o.scriptId}.`,
      );
    const page = script.type === 'restlet' ? 'restlet.nl' : 'scriptlet.nl';
    // Internal (non-external) Suitelet URLs are relative in NetSuite; RESTlet URLs are absolute.
    const base = script.type === 'restlet' || o.returnExternalUrl ? host.baseUrl() : '';
    return `${base}/app/site/hosting/${page}?script=${script.internalId}&deploy=${deployment.internalId}${query(o.params)}`;
  };
  const resolveRecord = (o: {
    recordType: string;
    recordId?: string | number;
    isEditMode?: boolean;
    params?: Record<string, unknown>;
  }) => {
    requireOptions('url.resolveRecord', o, 'recordType');
    const schema = host.db.schemas.require(o.recordType);
    const id = o.recordId === undefined ? '' : `id=${o.recordId}`;
    const edit = o.isEditMode ? '&e=T' : '';
    if (schema.family === 'customrecord') {
      return `/app/common/custom/custrecordentry.nl?rectype=${schema.internalId}${id ? `&${id}` : ''}${edit}${query(o.params)}`;
    }
    const path =
      RECORD_PATHS[schema.type] ??
      (schema.family === 'item' ? '/app/common/item/item.nl' : `/app/common/record/${schema.type}.nl`);
    return `${path}?${id}${edit}${query(o.params)}`;
  };
  const module: Pick<typeof N_url, 'resolveScript' | 'resolveRecord' | 'resolveDomain' | 'format'> = {
    resolveScript,
    resolveRecord,
    resolveDomain: () => new URL(host.baseUrl()).host,
    format: (o) => `${o.domain}${o.domain.includes('?') ? '&' : '?'}${query(o.params).slice(1)}`,
  };
  return {
    ...module,
    HostType: {
      APPLICATION: 'APPLICATION',
      CUSTOMER_CENTER: 'CUSTOMER_CENTER',
      FORM: 'FORM',
      RESTLET: 'RESTLET',
      SUITETALK: 'SUITETALK',
    },
  };
}
