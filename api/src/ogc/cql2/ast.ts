/** CQL2 expressions in their JSON form (OGC 21-065), the one shape both encodings parse into. */
import type { Geometry } from 'geojson';

export type Scalar = string | number | boolean | { timestamp: string } | { date: string };
export type Operand = Scalar | { property: string } | Geometry | { bbox: number[] } | Operand[];

export interface Operation {
  op: string;
  args: (Operation | Operand)[];
}

export type Expression = Operation | boolean;

export class Cql2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Cql2Error';
  }
}

export const COMPARISON = ['=', '<>', '<', '<=', '>', '>='] as const;
export const SPATIAL = ['s_intersects', 's_equals', 's_disjoint', 's_touches', 's_within', 's_overlaps', 's_crosses', 's_contains'] as const;
export const TEMPORAL = ['t_before', 't_after', 't_intersects', 't_equals'] as const;
