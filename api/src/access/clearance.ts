import type { Context } from 'koa';
import { gone, notFound, PRIVACY_ORDER, type Dataset, type PrivacyClass } from '@kbs/core';
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

/**
 * The dataset if the caller may see it. Otherwise 404 — or 410 with the publisher's reason when a public
 * dataset was unpublished, so that links to it keep saying what happened instead of vanishing.
 */
export function requireVisibleDataset(dataset: Dataset | null, clearance: PrivacyClass, what: { detail: string; parameter: string }): Dataset {
  if (dataset && canSeeDataset(dataset, clearance)) return dataset;
  if (dataset && dataset.access === 'public' && dataset.unpublishedReason) {
    throw gone(`${what.detail}: it was unpublished.`, what.parameter, dataset.unpublishedReason, dataset.unpublishedAt);
  }
  throw notFound(what.detail, what.parameter);
}
