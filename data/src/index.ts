export { SHIPPED_DATASETS } from './datasets';
export { loadDemoData, isDemoLoaded, DEMO_LOADS } from './demo';
