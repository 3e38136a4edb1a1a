import type { Knex } from 'knex';
import * as m001 from './001_catalog';
import * as m002 from './002_core_datasets';
import * as m003 from './003_generic_sources';
import * as m004 from './004_access';
import * as m005 from './005_portal';
import * as m006 from './006_portal_search';
import * as m007 from './007_saved_maps';
import * as m008 from './008_row_publication';
import * as m009 from './009_publishing';
import * as m010 from './010_published_aggregates';
import * as m011 from './011_editable_datasets';
import * as m012 from './012_addresses';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012];
