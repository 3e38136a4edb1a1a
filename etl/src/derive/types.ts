/** A derived dataset's rows as they go into its file, and what they were derived from (the run log's source). */
export interface DerivedTable {
  header: string[];
  rows: unknown[][];
  source: string;
}
