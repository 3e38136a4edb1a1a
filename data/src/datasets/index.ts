import type { DatasetDefinition } from '@kbs/core';
import { addresses, streets } from './addresses';
import { citizenRequestCounts, portalUsage } from './aggregates';
import { district, neighbourhoods } from './boundaries';
import { citizenRequestApplicants, citizenRequests } from './citizenRequests';
import { facilities } from './facilities';
import { indicators, indicatorValues } from './indicators';
import { plannedAreas, plannedFacilities, plannedRoutes } from './planned';
import { captureSequences, panoramas } from './twin';

/** The datasets the platform ships with, written into the catalog at start. */
export const SHIPPED_DATASETS: DatasetDefinition[] = [
  district,
  neighbourhoods,
  indicators,
  indicatorValues,
  facilities,
  citizenRequests,
  citizenRequestApplicants,
  captureSequences,
  panoramas,
  streets,
  addresses,
  plannedFacilities,
  plannedRoutes,
  plannedAreas,
  citizenRequestCounts,
  portalUsage,
];
