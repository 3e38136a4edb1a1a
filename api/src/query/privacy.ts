/** The threshold lives in core: the ETL's published aggregates apply the same one. */
export { SMALL_COUNT_THRESHOLD } from '@kbs/core';
