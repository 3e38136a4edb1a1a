import type { Knex } from 'knex';

/** One kept version of a dataset as the portal shows it. */
export interface PublicVersion {
  version: number;
  status: 'current' | 'ready' | 'retired';
  activatedAt: string | null;
  createdAt: string;
  rowCount: number | null;
  /** What the load that made this version did: counts and the repairs it noted (no rejected values). */
  changes: { rowsRead: number; rowsLoaded: number; rowsRejected: number; notes: Record<string, number> } | null;
}

interface VersionRow {
  version: number;
  status: PublicVersion['status'];
  activated_at: Date | null;
  created_at: Date;
  row_count: number | null;
  rows_read: number | null;
  rows_loaded: number | null;
  rows_rejected: number | null;
  notes: Record<string, number> | null;
}

/**
 * The versions of a dataset that were ever loaded in full, newest first. Staging versions (a load in
 * progress or abandoned) are not versions yet; a run's rejections are left out because they quote
 * the source's values.
 */
export async function listPublicVersions(knex: Knex, datasetId: string): Promise<PublicVersion[]> {
  const { rows } = await knex.raw<{ rows: VersionRow[] }>(
    `SELECT v.version, v.status, v.activated_at, v.created_at, v.row_count,
            r.rows_read, r.rows_loaded, r.rows_rejected, r.report -> 'notes' AS notes
       FROM catalog.versions v LEFT JOIN catalog.etl_runs r ON r.id = v.run_id
      WHERE v.dataset_id = ? AND v.status <> 'staging'
      ORDER BY v.version DESC`,
    [datasetId],
  );
  return rows.map((r) => ({
    version: r.version,
    status: r.status,
    activatedAt: r.activated_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    rowCount: r.row_count,
    changes:
      r.rows_read === null
        ? null
        : { rowsRead: r.rows_read, rowsLoaded: r.rows_loaded ?? 0, rowsRejected: r.rows_rejected ?? 0, notes: r.notes ?? {} },
  }));
}
