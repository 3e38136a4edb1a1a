/** Valid values for the parameters the API's operations declare, shared by the contract and permission tests. */
export const VALID_PARAMETERS: Record<string, string> = {
  lon: '28.8506', lat: '41.0291', collection: 'facilities', distance: '100', category: 'park', k: '3', limit: '10',
  group: 'category', from: '2023-01-01', to: '2023-12-31', uavt_code: '40159', codes: '40159,40169', code: '40159',
  z: '14', x: '9504', y: '6140', file: 'swagger-ui.css', username: 'matrix', prefix: 'aaaaaaaaaa', format: 'json', action: 'sign-in',
  actor: 'anonymous', collectionId: 'facilities', featureId: '1', dataset: 'facilities', capture: 'seq-01-0001', id: 'facilities', mapId: '1',
  q: 'inonu', mahalle: '40159', street: 'Y00001',
};

export interface DocumentedParameter {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  schema: { type?: string; minimum?: number; maximum?: number; enum?: string[]; pattern?: string; format?: string; $ref?: string };
}

export interface DocumentedOperation {
  operationId: string;
  'x-permission'?: string;
  parameters?: (DocumentedParameter | { $ref: string })[];
  requestBody?: { content: Record<string, unknown> };
}

export type OpenApiDocument = { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, DocumentedOperation>> };

/** The URL of an operation with its path filled and its required query parameters set to valid values. */
export function exampleUrl(base: string, path: string, parameters: DocumentedParameter[], override?: { name: string; value: string | undefined }): string {
  let filled = path;
  const query = new URLSearchParams();
  for (const p of parameters) {
    let value = p.name === override?.name ? override.value : VALID_PARAMETERS[p.name];
    // A shared name with another operation's values (`format`): the first value this one allows.
    if (p.name !== override?.name && p.schema.enum && value !== undefined && !p.schema.enum.includes(value)) value = p.schema.enum[0];
    if (p.in === 'path') filled = filled.replace(`{${p.name}}`, encodeURIComponent(value ?? ''));
    else if (value !== undefined && (p.required || p.name === override?.name)) query.set(p.name, value);
  }
  if (override?.value !== undefined && !parameters.some((p) => p.name === override.name)) query.set(override.name, override.value);
  const q = query.toString();
  return `${base}${filled}${q ? `?${q}` : ''}`;
}
