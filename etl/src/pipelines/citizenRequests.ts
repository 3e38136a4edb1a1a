import { readSource } from '../readers';
import { loadNeighbourhoodMatcher, matchByPosition, positionDisagreements, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { checkedPoint, coordinateColumnsOf, type Extent } from '../coordinates';
import { text, timestamp } from './values';

const CHANNELS = new Set(['e_devlet', 'acikkapi', 'web_form', 'ibb_crm', 'call_centre', 'in_person']);
const STATUSES = new Set(['open', 'in_progress', 'closed', 'rejected']);

/**
 * Citizen requests (başvuru). The applicant's personal data goes to its own restricted dataset and
 * never into `citizen_requests`.
 */
interface RequestsState {
  neighbourhoods: NeighbourhoodMatcher;
  extent: Extent;
}

export const citizenRequestsPipeline: Pipeline<RequestsState> = {
  targets: ['citizen_requests', 'citizen_request_applicants'],
  read: readSource,
  prepare: async ({ knex, extent }) => ({ neighbourhoods: await loadNeighbourhoodMatcher(knex), extent }),
  transform(record, { neighbourhoods, extent }) {
    const v = record.values;
    const id = text(v.request_id);
    const channel = text(v.channel);
    const status = text(v.status);
    const category = text(v.category);
    const openedAt = timestamp(v.opened_at);
    if (!id) return { reject: 'request_id is required' };
    if (!channel || !CHANNELS.has(channel)) return { reject: `channel "${channel ?? ''}" is not one of ${[...CHANNELS].join(', ')}` };
    if (!status || !STATUSES.has(status)) return { reject: `status "${status ?? ''}" is not one of ${[...STATUSES].join(', ')}` };
    if (!category) return { reject: 'category is required' };
    if (!openedAt) return { reject: `opened_at "${String(v.opened_at ?? '')}" is not a timestamp` };
    const closedAt = timestamp(v.closed_at) ?? null;
    if (closedAt && Date.parse(closedAt) < Date.parse(openedAt)) return { reject: 'closed_at is before opened_at' };
    const uavtCode = text(v.uavt_code);
    if (uavtCode && !neighbourhoods.hasCode(uavtCode)) return { reject: `uavt_code "${uavtCode}" is not a known mahalle` };
    // Requests taken by phone or in person may have no location; one that is given must be right.
    const columns = coordinateColumnsOf(Object.keys(v));
    const given = columns && (text(v[columns.latitude]) !== undefined || text(v[columns.longitude]) !== undefined);
    const position = given ? checkedPoint(v[columns.latitude], v[columns.longitude], extent) : null;
    if (position && 'reject' in position) return { reject: position.reject };
    return {
      rows: {
        citizen_requests: [{
          id,
          channel,
          category,
          status,
          opened_at: openedAt,
          closed_at: closedAt,
          department: text(v.department) ?? null,
          uavt_code: uavtCode ?? null,
          geom: position?.point ?? null,
        }],
        citizen_request_applicants: [{
          request_id: id,
          applicant_name: text(v.applicant_name) ?? null,
          applicant_phone: text(v.applicant_phone) ?? null,
          applicant_national_id: text(v.applicant_national_id) ?? null,
          description: text(v.description) ?? null,
        }],
      },
      ...(position?.swapped ? { notes: ['latitude and longitude swapped'] } : {}),
    };
  },
  async finalise(knex, dataset, partition) {
    return dataset.geometryType ? matchByPosition(knex, partition) : [];
  },
  async check(knex, dataset, partition) {
    return dataset.geometryType ? positionDisagreements(knex, partition) : [];
  },
};
