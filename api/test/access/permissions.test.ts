import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/access/passwords';
import { allows, ANONYMOUS, permissionMatrixMarkdown, type Principal } from '../../src/access/permissions';
import { ROOT } from '../../../test/support/testDatabase';

const principal = (p: Partial<Principal>): Principal => ({ ...ANONYMOUS, kind: 'key', actor: 'key:test', ...p });

describe('the permission matrix', () => {
  it('limits department editors and scoped keys to their datasets, and keys to their actions', () => {
    const editor = principal({ role: 'department_editor', datasets: ['facilities'] });
    expect(allows(editor, 'upload', 'facilities')).toBe(true);
    expect(allows(editor, 'upload', 'panoramas')).toBe(false);
    expect(allows(principal({ role: 'department_editor' }), 'upload', 'facilities')).toBe(false);
    expect(allows(editor, 'publish')).toBe(false);
    const scopedPublisher = principal({ role: 'publisher', datasets: ['indicators'] });
    expect(allows(scopedPublisher, 'upload', 'indicators')).toBe(true);
    expect(allows(scopedPublisher, 'upload', 'facilities')).toBe(false);
    const readOnlyAdminKey = principal({ role: 'admin', actions: ['read-audit'] });
    expect(allows(readOnlyAdminKey, 'read-audit')).toBe(true);
    expect(allows(readOnlyAdminKey, 'manage-keys')).toBe(false);
    expect(allows(readOnlyAdminKey, 'read')).toBe(true);
    expect(allows(ANONYMOUS, 'read')).toBe(true);
    expect(allows(ANONYMOUS, 'upload', 'facilities')).toBe(false);
  });

  it('is rendered into docs/permissions.md, which must match the code', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/permissions.md'), 'utf8');
    expect(doc).toContain(permissionMatrixMarkdown());
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('İstanbul-Bağcılar-2026');
    const b = await hashPassword('İstanbul-Bağcılar-2026');
    expect(a).not.toBe(b);
    expect(await verifyPassword('İstanbul-Bağcılar-2026', a)).toBe(true);
    // The same text in decomposed form (İ as I + combining dot) is the same password.
    expect(await verifyPassword('I\u0307stanbul-Bag\u0306cılar-2026', a)).toBe(true);
    expect(await verifyPassword('istanbul-bağcılar-2026', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
