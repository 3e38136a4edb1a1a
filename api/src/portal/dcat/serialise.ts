import jsonld from 'jsonld';
import { Writer, type Quad } from 'n3';
import { NS } from './vocabulary';

/** The quads of each subject together (in the order subjects first appear): Turtle then writes each once. */
function bySubject(quads: Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(q);
  }
  return [...groups.values()].flat();
}

/** Turtle through n3's writer, with the usual prefixes. */
export function toTurtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...NS } });
  writer.addQuads(bySubject(quads));
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/** The context of our JSON-LD: the same prefixes, inline (nothing for a client to fetch). */
export const JSONLD_CONTEXT = { ...NS };

/** JSON-LD compacted against the prefixes: the same graph as the Turtle, converted by jsonld.js from N-Quads. */
export async function toJsonLd(quads: Quad[]): Promise<object> {
  const writer = new Writer({ format: 'N-Quads' });
  writer.addQuads(quads);
  const nquads = await new Promise<string>((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  return jsonld.compact(expanded, JSONLD_CONTEXT);
}
