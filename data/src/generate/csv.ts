/** RFC 4180 CSV text: a header line, LF line ends, fields quoted only when they need it. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const field = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const s = String(value);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((row) => row.map(field).join(','))].join('\n') + '\n';
}
