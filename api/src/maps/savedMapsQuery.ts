import type { Knex } from 'knex';

export interface SavedMapSummary {
  id: number;
  name: string;
  owner: string;
  shared: boolean;
  schema_version: number;
  created_at: string;
  updated_at: string;
}

export interface SavedMap extends SavedMapSummary {
  document: unknown;
}

const SUMMARY = ['id', 'name', 'owner', 'shared', 'schema_version', 'created_at', 'updated_at'];
const TABLE = 'maps.saved_maps';

/** The caller's own maps and every shared one, in Turkish alphabetical order of name (the database's collation may be C). */
export async function listSavedMaps(knex: Knex, owner: string): Promise<SavedMapSummary[]> {
  const rows: SavedMapSummary[] = await knex(TABLE).select(SUMMARY).where({ owner }).orWhere({ shared: true });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'tr') || a.owner.localeCompare(b.owner));
}

/** A map the caller may open (own or shared); null otherwise, so that a private map's existence is not revealed. */
export async function readSavedMap(knex: Knex, id: number, owner: string): Promise<SavedMap | null> {
  const row = await knex(TABLE).select([...SUMMARY, 'document']).where({ id }).andWhere((q) => q.where({ owner }).orWhere({ shared: true })).first();
  return row ?? null;
}

/** Inserts a map; null when the owner already has one of that name. */
export async function createSavedMap(knex: Knex, map: { name: string; owner: string; shared: boolean; document: { version: number } }): Promise<SavedMap | null> {
  const rows = await knex(TABLE)
    .insert({ name: map.name, owner: map.owner, shared: map.shared, schema_version: map.document.version, document: JSON.stringify(map.document) })
    .onConflict(['owner', 'name'])
    .ignore()
    .returning([...SUMMARY, 'document']);
  return rows[0] ?? null;
}

export type SavedMapChange = { name?: string; shared?: boolean; document?: { version: number } };

/** Updates the owner's map; 'missing' when it is not theirs, 'duplicate' when the new name is taken. */
export async function updateSavedMap(knex: Knex, id: number, owner: string, change: SavedMapChange): Promise<SavedMap | 'missing' | 'duplicate'> {
  if (change.name !== undefined && (await knex(TABLE).first('id').where({ owner, name: change.name }).whereNot({ id }))) return 'duplicate';
  const rows = await knex(TABLE)
    .update({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.shared !== undefined ? { shared: change.shared } : {}),
      ...(change.document !== undefined ? { document: JSON.stringify(change.document), schema_version: change.document.version } : {}),
      updated_at: knex.fn.now(),
    })
    .where({ id, owner })
    .returning([...SUMMARY, 'document']);
  return rows[0] ?? 'missing';
}

export async function deleteSavedMap(knex: Knex, id: number, owner: string): Promise<boolean> {
  return (await knex(TABLE).where({ id, owner }).delete()) > 0;
}
