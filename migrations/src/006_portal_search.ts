import type { Knex } from 'knex';

export const name = '006_portal_search';

/**
 * The portal's full-text search: one weighted tsvector per dataset in `portal.search_documents`, kept
 * up to date by triggers on the catalog, with a GIN index.
 *
 * Turkish in both directions: PostgreSQL's `turkish` snowball configuration stems, and both engines
 * have it (PGlite 0.5.8 ships every snowball dictionary; checked with `pg_ts_config`). Folding
 * (İ/ı/i, ş, ğ, ü, ö, ç → ASCII) is done by the two functions below with `translate` and an ASCII-only
 * `lower(… COLLATE "C")`, so that the result does not depend on the server's locale (the embedded engine
 * runs in C, a server often in tr_TR or C.UTF-8, where `lower('I')` is 'i', not 'ı'). They mirror
 * `foldTurkish` of core/src/turkish.ts for Turkish and common Latin letters; a test keeps them equal.
 *
 * Every text is indexed twice: stemmed then folded ("Bağcılar" → "bağcı" → "bagci") and folded then
 * stemmed ("bagcilar" → the stemmer's view of the ASCII word). The query side builds both forms of each
 * word, so a user typing with or without Turkish letters meets at least one of them.
 * Only public columns' titles are indexed: a personal column's name must not make a dataset findable.
 *
 * Also `portal.usage_totals`: views and downloads per dataset over all months, kept by a trigger on
 * `portal.usage` (which only ever grows), for sorting a search by downloads.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE FUNCTION portal.turkish_lower(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT lower(translate(t, 'ÇĞIİÖŞÜÂÎÛÀÁÄÉÈËÊÍÌÏÓÒÔÚÙÑ' || chr(775), 'çğıiöşüâîûàáäéèëêíìïóòôúùñ') COLLATE "C") $$;

CREATE FUNCTION portal.fold_turkish(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT translate(portal.turkish_lower(t), 'çğıöşüâîûàáäéèëêíìïóòôúùñ', 'cgiosuaiuaaaeeeeiiiooouun') $$;

-- Stemmed-then-folded and folded-then-stemmed lexemes of a text (see above).
CREATE FUNCTION portal.search_terms(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT to_tsvector('turkish'::regconfig, portal.fold_turkish(t))
          || to_tsvector('simple'::regconfig, portal.fold_turkish(array_to_string(tsvector_to_array(to_tsvector('turkish'::regconfig, portal.turkish_lower(t))), ' '))) $$;

CREATE TABLE portal.search_documents (
  dataset_id text PRIMARY KEY REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  document tsvector NOT NULL
);
CREATE INDEX search_documents_document ON portal.search_documents USING gin (document);

-- Titles weigh most (A), then keywords (B), description and department (C), public column titles (D).
CREATE FUNCTION portal.refresh_search_documents(ids text[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO portal.search_documents (dataset_id, document)
  SELECT d.id,
         setweight(portal.search_terms(d.title_tr || ' ' || d.title_en), 'A')
      || setweight(portal.search_terms(array_to_string(d.keywords, ' ')), 'B')
      || setweight(portal.search_terms(d.description_tr || ' ' || d.description_en || ' ' || d.publisher), 'C')
      || setweight(portal.search_terms(coalesce((
           SELECT string_agg(concat_ws(' ', c.title_tr, c.title_en, c.description_tr, c.description_en), ' ')
           FROM catalog.columns c WHERE c.dataset_id = d.id AND c.privacy = 'public'), '')), 'D')
  FROM catalog.datasets d
  WHERE d.id = ANY(ids)
  ON CONFLICT (dataset_id) DO UPDATE SET document = EXCLUDED.document
$$;

CREATE FUNCTION portal.dataset_search_trigger() RETURNS trigger
LANGUAGE plpgsql
AS $$ BEGIN PERFORM portal.refresh_search_documents(ARRAY[NEW.id]); RETURN NULL; END $$;

CREATE TRIGGER search_document_of_dataset
AFTER INSERT OR UPDATE OF title_tr, title_en, description_tr, description_en, keywords, publisher ON catalog.datasets
FOR EACH ROW EXECUTE FUNCTION portal.dataset_search_trigger();

-- Column changes come as whole statements (the catalog store replaces a dataset's columns at once):
-- one refresh per statement and dataset, not per row.
CREATE FUNCTION portal.columns_search_trigger() RETURNS trigger
LANGUAGE plpgsql
AS $$ BEGIN
  PERFORM portal.refresh_search_documents(ARRAY(SELECT DISTINCT dataset_id FROM changed_columns));
  RETURN NULL;
END $$;

CREATE TRIGGER search_document_of_inserted_columns
AFTER INSERT ON catalog.columns REFERENCING NEW TABLE AS changed_columns
FOR EACH STATEMENT EXECUTE FUNCTION portal.columns_search_trigger();
CREATE TRIGGER search_document_of_updated_columns
AFTER UPDATE ON catalog.columns REFERENCING NEW TABLE AS changed_columns
FOR EACH STATEMENT EXECUTE FUNCTION portal.columns_search_trigger();
CREATE TRIGGER search_document_of_deleted_columns
AFTER DELETE ON catalog.columns REFERENCING OLD TABLE AS changed_columns
FOR EACH STATEMENT EXECUTE FUNCTION portal.columns_search_trigger();

SELECT portal.refresh_search_documents(ARRAY(SELECT id FROM catalog.datasets));

-- Views and downloads per dataset over all months, kept by a trigger on portal.usage, so that sorting a
-- search by downloads joins one row per dataset instead of summing every month of every dataset.
CREATE TABLE portal.usage_totals (
  dataset_id text PRIMARY KEY REFERENCES catalog.datasets(id) ON DELETE CASCADE,
  views bigint NOT NULL DEFAULT 0,
  downloads bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION portal.usage_totals_trigger() RETURNS trigger
LANGUAGE plpgsql
AS $$ BEGIN
  INSERT INTO portal.usage_totals AS t (dataset_id, views, downloads)
  VALUES (NEW.dataset_id,
          NEW.views - CASE WHEN TG_OP = 'UPDATE' THEN OLD.views ELSE 0 END,
          NEW.downloads - CASE WHEN TG_OP = 'UPDATE' THEN OLD.downloads ELSE 0 END)
  ON CONFLICT (dataset_id) DO UPDATE SET views = t.views + EXCLUDED.views, downloads = t.downloads + EXCLUDED.downloads;
  RETURN NULL;
END $$;

CREATE TRIGGER usage_totals AFTER INSERT OR UPDATE ON portal.usage
FOR EACH ROW EXECUTE FUNCTION portal.usage_totals_trigger();

INSERT INTO portal.usage_totals (dataset_id, views, downloads)
SELECT dataset_id, sum(views), sum(downloads) FROM portal.usage GROUP BY dataset_id;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TRIGGER usage_totals ON portal.usage;
DROP FUNCTION portal.usage_totals_trigger();
DROP TABLE portal.usage_totals;
DROP TRIGGER search_document_of_deleted_columns ON catalog.columns;
DROP TRIGGER search_document_of_updated_columns ON catalog.columns;
DROP TRIGGER search_document_of_inserted_columns ON catalog.columns;
DROP TRIGGER search_document_of_dataset ON catalog.datasets;
DROP FUNCTION portal.columns_search_trigger();
DROP FUNCTION portal.dataset_search_trigger();
DROP FUNCTION portal.refresh_search_documents(text[]);
DROP TABLE portal.search_documents;
DROP FUNCTION portal.search_terms(text);
DROP FUNCTION portal.fold_turkish(text);
DROP FUNCTION portal.turkish_lower(text);
`);
}
