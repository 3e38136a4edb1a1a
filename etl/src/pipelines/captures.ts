import { readSource } from '../readers';
import type { Pipeline } from './types';
import { boolean, decimal, point, text, timestamp } from './values';

export const captureSequencesPipeline: Pipeline = {
  targets: ['capture_sequences'],
  read: readSource,
  transform(record) {
    const v = record.values;
    const id = text(v.sequence_id);
    const capturedOn = text(v.captured_on);
    if (!id) return { reject: 'sequence_id is required' };
    if (!capturedOn || !/^\d{4}-\d{2}-\d{2}$/.test(capturedOn)) return { reject: `captured_on "${capturedOn ?? ''}" is not a date (YYYY-MM-DD)` };
    if (record.geometry?.type !== 'LineString') return { reject: 'geometry must be a LineString' };
    return {
      rows: {
        capture_sequences: [{
          id,
          name: text(v.name) ?? id,
          captured_on: capturedOn,
          cleared_for_publication: boolean(v.cleared_for_publication) ?? false,
          recapture_of: text(v.recapture_of) ?? null,
          geom: record.geometry,
        }],
      },
    };
  },
};

/** 360° capture points; each inherits its sequence's clearance for publication (blurred or not). */
export const panoramasPipeline: Pipeline<Map<string, boolean>> = {
  targets: ['panoramas'],
  read: readSource,
  async prepare({ knex }) {
    const rows: { id: string; cleared_for_publication: boolean }[] = await knex('public.capture_sequences')
      .select('id', 'cleared_for_publication');
    return new Map(rows.map((r) => [r.id, r.cleared_for_publication]));
  },
  transform(record, sequences) {
    const v = record.values;
    const id = text(v.capture_id);
    const sequenceId = text(v.sequence_id);
    const capturedAt = timestamp(v.captured_at);
    const heading = decimal(v.heading);
    const image = text(v.image);
    if (!id) return { reject: 'capture_id is required' };
    if (!sequenceId || !sequences.has(sequenceId)) return { reject: `sequence_id "${sequenceId ?? ''}" is not a loaded capture sequence` };
    if (!capturedAt) return { reject: `captured_at "${String(v.captured_at ?? '')}" is not a timestamp` };
    if (heading === undefined || heading < 0 || heading >= 360) return { reject: `heading "${String(v.heading ?? '')}" must be in [0, 360)` };
    if (!image) return { reject: 'image is required' };
    const geom = point(v.latitude, v.longitude);
    if (!geom) return { reject: 'latitude/longitude is not a position' };
    return {
      rows: {
        panoramas: [{
          id,
          sequence_id: sequenceId,
          captured_at: capturedAt,
          altitude: decimal(v.altitude) ?? null,
          heading,
          pitch: decimal(v.pitch) ?? 0,
          roll: decimal(v.roll) ?? 0,
          image,
          cleared_for_publication: sequences.get(sequenceId) ?? false,
          geom,
        }],
      },
    };
  },
};
