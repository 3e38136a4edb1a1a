export { loadDataset, validateDataset, type LoadOptions, type LoadReport, type Rejection, type ValidationReport } from './load';
export { listVersions, rollbackDataset, type VersionInfo } from './versions';
export { EtlError } from './errors';
export { isLoadable, PIPELINES } from './pipelines';
export { FACILITY_CATEGORIES } from './pipelines/facilities';
export { createGenericDataset, type GenericDatasetOptions } from './pipelines/generic';
export { createDatasetFromFile } from './createDataset';
export { editFeatures, checkFeatureEdit, RECORDED_COLUMNS, FeatureEditError, type FeatureEdit, type FeatureEditResult, type GeoJSONGeometry } from './edit/featureEdits';
export { deriveDataset, refreshDerived, underivedDatasets, DERIVATIONS, type DeriveOptions } from './derive';
