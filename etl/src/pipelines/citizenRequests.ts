import { readCsv } from '../readers/csv';
import { loadNeighbourhoodMatcher, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { point, text, timestamp } from './values';

const CHANNELS = new Set(['e_devlet', 'acikkapi', 'web_form', 'ibb_crm', 'call_centre', 'in_person']);
const STATUSES = new Set(['open', 'in_progress', 'closed', 'rejected']);

/**
 * Citizen requests (başvuru). The applicant's personal data goes to its own restricted dataset and
 * never into `citizen_requests`.
 */
export const citizenRequestsPipeline: Pipeline<NeighbourhoodMatcher> = {
  targets: ['citizen_requests', 'citizen_request_applicants'],
  read: readCsv,
  prepare: ({ knex }) => loadNeighbourhoodMatcher(knex),
  transform(record, neighbourhoods) {
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
          geom: point(v.latitude, v.longitude) ?? null,
        }],
        citizen_request_applicants: [{
          request_id: id,
          applicant_name: text(v.applicant_name) ?? null,
          applicant_phone: text(v.applicant_phone) ?? null,
          applicant_national_id: text(v.applicant_national_id) ?? null,
          description: text(v.description) ?? null,
        }],
      },
    };
  },
};
