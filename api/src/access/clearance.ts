import type { Context } from 'koa';
import { PRIVACY_ORDER, type Dataset, type PrivacyClass } from '@kbs/core';
import { CLEARANCE } from './permissions';
import { principalOf } from './principal';

/** How far a request is cleared, from its role (see the permission matrix); every interface asks here. */
export function clearanceOf(ctx: Context): PrivacyClass {
  return CLEARANCE[principalOf(ctx).role];
}

/** Public callers see published public datasets; staff see whatever their clearance covers. */
export function canSeeDataset(dataset: Dataset, clearance: PrivacyClass): boolean {
  if (clearance === 'public') return dataset.published && dataset.access === 'public';
  return PRIVACY_ORDER[dataset.access] <= PRIVACY_ORDER[clearance];
}
