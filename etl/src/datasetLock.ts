import type { Knex } from 'knex';
import { EtlError } from './errors';
import { defaultLoader } from './rowSink';

/**
 * One load, rollback or edit of a dataset at a time. Without it a second load's start took the first's
 * staged partition for abandoned and dropped it under the running COPY.
 *
 * Across processes and API instances on a server: a session advisory lock per dataset, held on a
 * connection of its own for the whole load, so that a killed process lets go of it when its connection
 * closes. The embedded engine is opened by one process only and shares one connection (on which
 * advisory locks are re-entrant): there a set of this process's loads does the same.
 */
export const LOCK_CLASS = 0x6b6273; // "kbs": keeps these locks apart from any other advisory lock in the cluster

const held = new Set<string>();
const released = new Map<string, Promise<void>>();

/** A dataset another load, rollback or edit is changing right now. */
export class DatasetBusyError extends EtlError {
  constructor(readonly datasetId: string, detail: string) {
    super(`dataset "${datasetId}" is being changed ${detail}; try again when it has finished`);
    this.name = 'DatasetBusyError';
  }
}

async function busy(knex: Knex, datasetId: string): Promise<DatasetBusyError> {
  const run = await knex('catalog.etl_runs').select('id', 'actor', 'started_at').where({ dataset_id: datasetId, status: 'running' }).orderBy('id', 'desc').first();
  return new DatasetBusyError(datasetId, run
    ? `by load run ${run.id} (${run.actor}, since ${new Date(run.started_at).toISOString().slice(0, 19).replace('T', ' ')} UTC)`
    : 'by another load, rollback or edit');
}

export interface LockOptions {
  /** Wait for the dataset to be free instead of refusing at once (the demo data at a first start). */
  wait?: boolean;
}

/** Runs `work` holding the datasets' locks; refuses with DatasetBusyError when one is held elsewhere. */
export async function withDatasetLocks<T>(knex: Knex, datasetIds: string[], work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const ids = [...new Set(datasetIds)].sort(); // one order everywhere: two waiting loads cannot deadlock
  for (let taken = ids.find((id) => held.has(id)); taken; taken = ids.find((id) => held.has(id))) {
    if (!options.wait) throw await busy(knex, taken);
    await released.get(taken);
  }
  let release!: () => void;
  const done = new Promise<void>((resolve) => { release = resolve; });
  for (const id of ids) {
    held.add(id);
    released.set(id, done);
  }
  try {
    if ((await defaultLoader(knex)) === 'insert') return await work();
    return await withAdvisoryLocks(knex, ids, work, options);
  } finally {
    for (const id of ids) {
      held.delete(id);
      released.delete(id);
    }
    release();
  }
}

async function withAdvisoryLocks<T>(knex: Knex, ids: string[], work: () => Promise<T>, options: LockOptions): Promise<T> {
  const connection = await knex.client.acquireConnection();
  const locked: string[] = [];
  try {
    for (const id of ids) {
      if (options.wait) {
        await knex.raw('SELECT pg_advisory_lock(?, hashtext(?))', [LOCK_CLASS, id]).connection(connection);
      } else {
        const { rows } = await knex.raw<{ rows: { ok: boolean }[] }>('SELECT pg_try_advisory_lock(?, hashtext(?)) AS ok', [LOCK_CLASS, id]).connection(connection);
        if (!rows[0]!.ok) throw await busy(knex, id);
      }
      locked.push(id);
    }
    return await work();
  } finally {
    try {
      for (const id of locked) await knex.raw('SELECT pg_advisory_unlock(?, hashtext(?))', [LOCK_CLASS, id]).connection(connection);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }
}

/** How long an edit waits for the edits before it; a load holds the dataset far longer and is refused for. */
const EDIT_WAIT = '5s';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Inside a transaction that writes a dataset's version (an edit): waits for the edits before it (they
 * take milliseconds), refuses while a load or rollback holds the dataset; the transaction then holds
 * it until it ends. One lock for both: with a second one, an edit woken by the first lock's release
 * could find the second not yet released.
 */
export async function claimInTransaction(trx: Knex.Transaction, datasetId: string): Promise<void> {
  if (held.has(datasetId)) throw await busy(trx, datasetId);
  const { rows } = await trx.raw<{ rows: { previous: string }[] }>("SELECT current_setting('lock_timeout') AS previous");
  await trx.raw("SELECT set_config('lock_timeout', ?, true)", [EDIT_WAIT]);
  try {
    await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_CLASS, datasetId]);
  } catch (error) {
    // The transaction is aborted: the caller's rollback ends it; the reason is said without it.
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new DatasetBusyError(datasetId, 'by another load, rollback or edit');
    throw error;
  }
  await trx.raw("SELECT set_config('lock_timeout', ?, true)", [rows[0]!.previous]);
}
