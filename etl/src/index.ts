export { loadDataset, type LoadOptions, type LoadReport, type Rejection } from './load';
export { EtlError } from './errors';
export { PIPELINES } from './pipelines';
export { FACILITY_CATEGORIES } from './pipelines/facilities';
