import type { Context } from 'koa';
import { PRIVACY_ORDER, type Dataset, type PrivacyClass } from '@kbs/core';

/**
 * How far a request is cleared: anonymous callers see public data only. Roles, sessions and API keys
 * (the permissions issue) will raise this for signed-in staff; every interface asks here.
 */
export function clearanceOf(_ctx: Context): PrivacyClass {
  return 'public';
}

/** Public callers see published public datasets; staff see whatever their clearance covers. */
export function canSeeDataset(dataset: Dataset, clearance: PrivacyClass): boolean {
  if (clearance === 'public') return dataset.published && dataset.access === 'public';
  return PRIVACY_ORDER[dataset.access] <= PRIVACY_ORDER[clearance];
}
