/*
 * Attribute forms from the catalog, as the OGC API publishes it: a collection's queryables (JSON
 * Schema) give each column's type, title ("Türkçe / English"), enum values and whether it is required;
 * the columns the platform fills (id, edited_by, edited_at) are readOnly and left out.
 */
import { language } from '../i18n';
import { h } from '../portal/dom';

export interface Queryables {
  required?: string[];
  properties: Record<string, { title?: string; type?: string; format?: string; enum?: unknown[]; readOnly?: boolean; description?: string }>;
}

export type FieldType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time';

export interface FormField {
  name: string;
  /** [Turkish, English] */
  title: [string, string];
  type: FieldType;
  required: boolean;
  options: string[] | null;
  description: string | null;
}

function fieldType(type: string | undefined, format: string | undefined): FieldType | null {
  if (type === 'string') return format === 'date' ? 'date' : format === 'date-time' ? 'date-time' : 'text';
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  return null;
}

/** The editable fields of a collection, in the catalog's column order. */
export function formFields(queryables: Queryables): FormField[] {
  const required = new Set(queryables.required ?? []);
  const fields: FormField[] = [];
  for (const [name, p] of Object.entries(queryables.properties)) {
    const type = fieldType(p.type, p.format);
    if (p.readOnly || !type) continue; // the geometry has no type, only a format
    const [tr, en] = (p.title ?? name).split(' / ');
    fields.push({
      name,
      title: [tr!, en ?? tr!],
      type,
      required: required.has(name),
      options: Array.isArray(p.enum) ? p.enum.map(String) : null,
      description: p.description ?? null,
    });
  }
  return fields;
}

/** A form's text → the value the API expects; an empty field is null. Throws on a number that is none. */
export function fieldValue(field: FormField, raw: string | boolean): unknown {
  if (field.type === 'boolean') return raw === true;
  const text = String(raw).trim();
  if (text === '') return null;
  if (field.type === 'integer' || field.type === 'number') {
    const n = Number(text.replace(',', '.'));
    if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) throw new RangeError(field.name);
    return n;
  }
  if (field.type === 'date-time') return new Date(text).toISOString();
  return text;
}

const INPUT_TYPE: Record<FieldType, string> = { text: 'text', integer: 'number', number: 'text', boolean: 'checkbox', date: 'date', 'date-time': 'datetime-local' };

function input(field: FormField, value: unknown): HTMLElement {
  const id = `draw-field-${field.name}`;
  if (field.options) {
    const select = h('select', { id, name: field.name, required: field.required },
      h('option', { value: '' }, '—'), ...field.options.map((o) => h('option', { value: o }, o)));
    select.value = value === null || value === undefined ? '' : String(value);
    return select;
  }
  const el = h('input', { id, name: field.name, type: INPUT_TYPE[field.type], required: field.required, ...(field.type === 'number' ? { inputmode: 'decimal' } : {}) });
  if (field.type === 'boolean') el.checked = value === true;
  else if (value !== null && value !== undefined) el.value = field.type === 'date-time' ? String(value).slice(0, 16) : String(value);
  return el;
}

/** The form's fields, labelled in the current language, filled with `values`. */
export function formControls(fields: FormField[], values: Record<string, unknown>): HTMLElement[] {
  const english = language() === 'en';
  return fields.map((field) => h('label', { class: 'draw-field' },
    h('span', {}, `${field.title[english ? 1 : 0]}${field.required ? ' *' : ''}`),
    input(field, values[field.name]),
    field.description && h('small', {}, field.description)));
}

/** The properties a form holds, by field. */
export function readForm(form: HTMLFormElement, fields: FormField[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of fields) {
    const el = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) continue;
    properties[field.name] = fieldValue(field, el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value);
  }
  return properties;
}
