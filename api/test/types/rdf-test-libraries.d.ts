// The packages the DCAT test validates with ship no TypeScript declarations; only what the test uses.
declare module 'shacl-engine' {
  import type { Quad, Term } from 'n3';
  export class Validator {
    constructor(shapes: Iterable<Quad>, options: { factory: object });
    validate(data: { dataset: Iterable<Quad>; terms?: Iterable<Term> }): Promise<{ conforms: boolean; dataset: Iterable<Quad> }>;
  }
}
declare module '@rdfjs/data-model' {
  const factory: object;
  export default factory;
}
declare module '@rdfjs/dataset' {
  import type { Quad } from 'n3';
  const factory: { dataset(quads?: Iterable<Quad>): Iterable<Quad> };
  export default factory;
}
