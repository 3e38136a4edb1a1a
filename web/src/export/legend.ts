/*
 * The legend an export shows is the one the layer panel shows (#choropleth-legend): the same classes,
 * colours, ranges and counts, in the language on screen. Read from the panel, so the two cannot differ.
 */

export interface LegendItem {
  colour: string;
  label: string;
}

export interface ExportLegend {
  /** The indicator and year, e.g. "Nüfus yoğunluğu 2024"; empty when no choropleth is shown. */
  title: string;
  items: LegendItem[];
}

export function readLegend(doc: Document = document): ExportLegend {
  const list = doc.getElementById('choropleth-legend');
  const items = [...(list?.querySelectorAll<HTMLLIElement>('li') ?? [])].map((li) => ({
    colour: li.querySelector<HTMLElement>('.swatch')?.style.backgroundColor ?? '',
    label: [li.querySelector('.range')?.textContent, li.querySelector('.count')?.textContent].filter(Boolean).join(' '),
  }));
  if (!items.length) return { title: '', items };
  const indicator = doc.querySelector<HTMLSelectElement>('select[name="indicator"]');
  const year = doc.getElementById('year-value')?.textContent ?? '';
  return { title: [indicator?.selectedOptions[0]?.textContent ?? '', year].filter(Boolean).join(' '), items };
}

/** The attribution the map shows (our own and a basemap's), as one line of text. */
export function readAttribution(doc: Document = document): string {
  const inner = doc.querySelector('.maplibregl-ctrl-attrib-inner');
  return (inner?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
