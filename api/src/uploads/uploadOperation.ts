import path from 'node:path';
import { conflict, getDataset, forbidden, invalidParameter, notFound, recordAudit, AppError, type Config, type Database } from '@kbs/core';
import { ColumnMapError, DatasetBusyError, EtlError, isLoadable, loadDataset, readOptionsFromFlags, refreshDerived, type LoadReport, type ReadFlags } from '@kbs/etl';
import { allows } from '../access/permissions';
import { principalOf } from '../access/principal';
import { formFieldsValidator, operation, type JsonSchema } from '../http/operation';
import { receiveUpload } from './receiveUpload';

const UPLOAD_FORM: JsonSchema = {
  type: 'object',
  required: ['file', 'dataset'],
  additionalProperties: false,
  properties: {
    file: { type: 'string', format: 'binary', description: 'CSV/TSV/TXT, XLSX/XLS, GeoJSON, Shapefile (.zip)' },
    dataset: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', description: 'The dataset to load into' },
    srid: { type: 'integer', minimum: 1024, maximum: 999999, description: 'EPSG code of the source coordinates (e.g. 5254) when the file does not say' },
    encoding: { type: 'string', enum: ['utf-8', 'windows-1254', 'iso-8859-9'], description: 'Text encoding of a delimited file when detection is not enough' },
    delimiter: { type: 'string', enum: [',', ';', 'tab', '|'], description: 'Delimiter of a delimited file' },
    columns: { type: 'string', maxLength: 4000, description: 'Column names, comma-separated, for a file without a header row' },
    map: { type: 'string', maxLength: 4000, description: 'Columns under other names, comma-separated name=file column pairs (e.g. facility_id=Tesis No,name=Adı)' },
    max_rejected_share: { type: 'number', minimum: 0, maximum: 1, description: 'Fail when more than this share of records is rejected (default 0.05)' },
  },
};

interface UploadFields {
  dataset: string;
  srid?: number;
  encoding?: 'utf-8' | 'windows-1254' | 'iso-8859-9';
  delimiter?: ',' | ';' | 'tab' | '|';
  columns?: string;
  map?: string;
  max_rejected_share?: number;
}

const checkFields = formFieldsValidator(UPLOAD_FORM, 'file');

/** The form's read options; a malformed column map is the caller's error, named by its field. */
function readOptionsOfForm(fields: ReadFlags): ReturnType<typeof readOptionsFromFlags> {
  try {
    return readOptionsFromFlags(fields);
  } catch (error) {
    if (error instanceof ColumnMapError) throw invalidParameter('map', error.message);
    throw error;
  }
}

/** What the caller gets back: the ETL report, without server paths. */
function publicReport(report: LoadReport) {
  const { rejectsFile, ...rest } = report;
  return { ...rest, rejectsFile: rejectsFile ? path.basename(rejectsFile) : null };
}

/** POST /api/uploads: the ETL command line's `load`, over HTTP, for publishers and department editors. */
export function uploadOperations(db: Database, config: Config) {
  return [
    operation({
      method: 'post',
      path: '/api/uploads',
      operationId: 'upload',
      permission: 'upload',
      tag: 'Veri yükleme / Uploads',
      summary: 'Dosya yükle / Load a file into a dataset',
      description: 'Runs the dataset’s pipeline on the file (validated, matched to mahalle, loaded as a new version in one switch) and answers with the ETL report. A failed load changes nothing.',
      body: { description: 'The file and its options', schema: UPLOAD_FORM, mediaType: 'multipart/form-data' },
      responses: {
        201: { description: 'Loaded as a new version', type: 'application/json' },
        200: { description: 'The same file as the current version: nothing to do', type: 'application/json' },
        400: { description: 'A field is invalid' },
        401: { description: 'Not signed in' },
        403: { description: 'Not allowed to load this dataset' },
        404: { description: 'Unknown dataset' },
        409: { description: 'Another load, rollback or edit of the dataset is running' },
        413: { description: 'The file is too large' },
        422: { description: 'The file could not be loaded (the reason names the line or feature)' },
      },
      async handle(ctx) {
        const principal = principalOf(ctx);
        const upload = await receiveUpload(ctx, config.uploadMaxBytes);
        try {
          const fields = checkFields(upload.fields) as unknown as UploadFields;
          const read = readOptionsOfForm(fields);
          const dataset = await getDataset(db.knex, fields.dataset);
          if (!dataset || !(await isLoadable(db.knex, dataset.id))) throw notFound(`There is no dataset "${fields.dataset}" to load files into`, 'dataset');
          if (!allows(principal, 'upload', dataset.id)) throw forbidden(`${principal.actor} may not load ${dataset.id}`, 'dataset');
          const audit = { actor: principal.actor, action: 'upload' as const, target: `dataset:${dataset.id}`, address: ctx.ip };
          let report: LoadReport;
          try {
            report = await loadDataset(db.knex, upload.file.path, dataset.id, {
              actor: principal.actor,
              ...(fields.srid !== undefined ? { sourceSrid: fields.srid } : {}),
              ...(fields.max_rejected_share !== undefined ? { maxRejectedShare: fields.max_rejected_share } : {}),
              read,
              rejectsDir: path.join(config.dataDir, 'rejects'),
            });
          } catch (error) {
            if (!(error instanceof EtlError)) throw error;
            await recordAudit(db.knex, { ...audit, outcome: 'failed', details: { file: upload.file.name, bytes: upload.file.bytes, error: error.message } });
            if (error instanceof DatasetBusyError) throw conflict(error.message, 'dataset');
            throw new AppError(422, 'unprocessable-file', 'Dosya yüklenemedi / File could not be loaded', error.message, { parameter: error instanceof ColumnMapError ? 'map' : 'file' });
          }
          await recordAudit(db.knex, { ...audit, details: { file: upload.file.name, bytes: upload.file.bytes, run: report.runId, status: report.status, versions: report.versions, rows_loaded: report.rowsLoaded, rows_rejected: report.rowsRejected } });
          // The published aggregates of what was loaded (the citizen-request counts) follow at once.
          if (report.status === 'succeeded') await refreshDerived(db.knex, report.versions.map((v) => v.datasetId), { actor: principal.actor });
          ctx.status = report.status === 'succeeded' ? 201 : 200;
          ctx.body = publicReport(report);
        } finally {
          upload.cleanup();
        }
      },
    }),
  ];
}
