/**
 * The dataset catalog: one description per dataset that the ETL, the OGC collections, the tiles,
 * the portal and the downloads all read. Stored in `catalog.datasets` / `catalog.columns`.
 */

/** Who may see a column: everyone, signed-in staff, or only roles cleared for personal data (KVKK). */
export type PrivacyClass = 'public' | 'internal' | 'personal';

export type ColumnType =
  | 'text'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'boolean'
  | 'date'
  | 'timestamptz'
  | 'jsonb'
  | 'text[]';

/** The PostgreSQL type of each catalog column type (for DDL, casts and recordset definitions). */
export const SQL_TYPE: Record<ColumnType, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
  'text[]': 'text[]',
};

export type GeometryType =
  | 'Point'
  | 'MultiPoint'
  | 'LineString'
  | 'MultiLineString'
  | 'MultiPolygon';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  titleTr: string;
  titleEn: string;
  descriptionTr?: string;
  descriptionEn?: string;
  unit?: string;
  privacy: PrivacyClass;
}

export interface DatasetDefinition {
  /** URL-safe id; the OGC collection id and the portal slug. */
  id: string;
  /** Physical table `data.<table>` and its current-version view `public.<table>`. */
  table: string;
  titleTr: string;
  titleEn: string;
  descriptionTr: string;
  descriptionEn: string;
  /** EU data theme code (http://publications.europa.eu/resource/authority/data-theme/…), e.g. "SOCI". */
  theme: string;
  keywords: string[];
  /** Licence URI, e.g. the Creative Commons 4.0 URI. */
  licence: string;
  /** Publishing department (müdürlük). */
  publisher: string;
  contactEmail?: string;
  /** EU frequency code, e.g. "ANNUAL", "MONTHLY", "IRREG". */
  updateFrequency: string;
  /** The identifying column (unique within a version). */
  idColumn: string;
  geometryType: GeometryType | null;
  /** Column holding the temporal instant used by `datetime` filters, if any. */
  temporalColumn?: string;
  columns: ColumnDefinition[];
  /** Published: reachable by the public interfaces (columns still filtered by privacy class). */
  published: boolean;
  /** Whole-dataset access floor: a personal dataset is never public whatever its flags say. */
  access: PrivacyClass;
  /** The figures are generated, not real. */
  synthetic: boolean;
  /** How many versions the ETL keeps for rollback. */
  keepVersions: number;
  /** Signed-in editors may draw, change and delete its features from the map (each edit a new version). */
  editable?: boolean;
  /**
   * A boolean column that must be true for a row to reach the public (anonymous callers): rows not
   * yet cleared for publication (e.g. street imagery before blurring) need a signed-in role. See visibleRows.
   */
  publicRowFilter?: string;
}

/** A catalog entry as read back from the database, with its version state. */
export interface Dataset extends DatasetDefinition {
  currentVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set once a publisher approved edited metadata: the shipped definition no longer overwrites it. */
  metadataEditedAt: Date | null;
  /** Set when a publisher took the dataset off the public interfaces; they answer 410 with the reason. */
  unpublishedAt: Date | null;
  unpublishedReason: string | null;
}

/** The descriptive fields a department editor may draft and a publisher approves. */
export const EDITABLE_METADATA = [
  'titleTr',
  'titleEn',
  'descriptionTr',
  'descriptionEn',
  'theme',
  'keywords',
  'licence',
  'publisher',
  'contactEmail',
  'updateFrequency',
] as const;
export type EditableMetadataField = (typeof EDITABLE_METADATA)[number];
export type MetadataChanges = Partial<Pick<DatasetDefinition, EditableMetadataField>>;

/** The name of the geometry column of every spatial dataset (SRID 4326). */
export const GEOMETRY_COLUMN = 'geom';
/** The partition key of every dataset table: rows of all kept versions live side by side. */
export const VERSION_COLUMN = '_version';

export const PRIVACY_ORDER: Record<PrivacyClass, number> = { public: 0, internal: 1, personal: 2 };

/** The columns a caller cleared up to `clearance` may see. */
export function visibleColumns(dataset: DatasetDefinition, clearance: PrivacyClass): ColumnDefinition[] {
  return dataset.columns.filter((c) => PRIVACY_ORDER[c.privacy] <= PRIVACY_ORDER[clearance]);
}
