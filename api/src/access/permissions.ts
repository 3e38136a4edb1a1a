import type { PrivacyClass } from '@kbs/core';

/** The roles of the platform; `anonymous` is the public, signed in as no one. */
export const ROLES = ['admin', 'publisher', 'analyst', 'department_editor', 'viewer', 'anonymous'] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = Exclude<Role, 'anonymous'>;
export const STAFF_ROLES = ROLES.filter((r): r is StaffRole => r !== 'anonymous');

/** What a caller can ask to do. `read` is further narrowed by clearance (below) and publication. */
export const ACTIONS = ['read', 'read-internal', 'upload', 'edit-metadata', 'publish', 'edit-features', 'manage-users', 'manage-keys', 'read-audit', 'saved-maps'] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions that apply to one dataset: a department editor, or a scoped key, may do them only on its datasets. */
export const DATASET_SCOPED: readonly Action[] = ['upload', 'edit-metadata', 'edit-features'];

/**
 * THE permission matrix: the one place that says which role may do what. Routes declare an action;
 * the router asks `allows`; docs/permissions.md is rendered from this table (a test keeps them equal).
 */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  read: ROLES,
  // Figures computed on request from internal data (free time windows over citizen requests): a caller
  // could subtract one window from another, so the public gets the suppressed citizen_request_counts.
  'read-internal': STAFF_ROLES,
  upload: ['admin', 'publisher', 'department_editor'],
  'edit-metadata': ['admin', 'publisher', 'department_editor'],
  publish: ['admin', 'publisher'],
  'edit-features': ['admin', 'publisher', 'analyst', 'department_editor'],
  'manage-users': ['admin'],
  'manage-keys': ['admin'],
  'read-audit': ['admin'],
  // Open, save and share named maps of the web map: every signed-in role (a map is a view, not data).
  'saved-maps': STAFF_ROLES,
};

/** The most sensitive column class each role may read. Personal data: administrators only. */
export const CLEARANCE: Record<Role, PrivacyClass> = {
  admin: 'personal',
  publisher: 'internal',
  analyst: 'internal',
  department_editor: 'internal',
  viewer: 'internal',
  anonymous: 'public',
};

export interface Principal {
  kind: 'anonymous' | 'user' | 'key';
  /** For the audit log: `user:<name>`, `key:<prefix>` or `anonymous`. */
  actor: string;
  role: Role;
  /** Datasets a department editor or a scoped key may change; empty = no limit beyond the role. */
  datasets: string[];
  /** Actions a key is limited to; null = whatever its role allows. */
  actions: Action[] | null;
  /** Set for cookie sessions: state-changing requests must echo it (CSRF). */
  csrfToken: string | null;
}

export const ANONYMOUS: Principal = { kind: 'anonymous', actor: 'anonymous', role: 'anonymous', datasets: [], actions: null, csrfToken: null };

/** Whether the principal may do `action` (on `datasetId`, for dataset-scoped actions). */
export function allows(principal: Principal, action: Action, datasetId?: string): boolean {
  if (!PERMISSIONS[action].includes(principal.role)) return false;
  if (principal.actions && action !== 'read' && !principal.actions.includes(action)) return false;
  if (DATASET_SCOPED.includes(action)) {
    const scoped = principal.role === 'department_editor' || principal.datasets.length > 0;
    if (scoped && (datasetId === undefined ? principal.datasets.length === 0 : !principal.datasets.includes(datasetId))) return false;
  }
  return true;
}

/** The matrix as a Markdown table, for docs/permissions.md. */
export function permissionMatrixMarkdown(): string {
  const mark = (action: Action, role: Role) => (PERMISSIONS[action].includes(role) ? (DATASET_SCOPED.includes(action) && role === 'department_editor' ? 'own datasets' : 'yes') : '—');
  const lines = [
    `| action | ${ROLES.join(' | ')} |`,
    `|---|${ROLES.map(() => '---').join('|')}|`,
    ...ACTIONS.map((a) => `| ${a} | ${ROLES.map((r) => mark(a, r)).join(' | ')} |`),
    `| clearance (columns) | ${ROLES.map((r) => CLEARANCE[r]).join(' | ')} |`,
  ];
  return lines.join('\n');
}
