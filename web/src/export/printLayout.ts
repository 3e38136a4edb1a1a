/*
 * The A4 print layout: a section that only print media shows (style.css hides the app beside it and
 * sets @page to A4 in the chosen orientation), holding the title, the date, the map at 300 dpi with
 * its north arrow and scale bar, the legend and the attribution. It is removed after printing.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { translate } from '../i18n';
import { exportContent, printMapImage, type Orientation } from './exportMap';

const LAYOUT_ID = 'print-layout';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Builds the layout (replacing an earlier one); resolves when its map image is decoded. */
export async function preparePrintLayout(map: MapLibreMap, title: string, orientation: Orientation, now = new Date()): Promise<HTMLElement> {
  document.getElementById(LAYOUT_ID)?.remove();
  const content = exportContent(title, now);
  const image = el('img', 'print-map');
  image.alt = `${translate('exportMapAlt')}: ${title}`;
  image.src = URL.createObjectURL(await printMapImage(map, orientation));
  await image.decode();

  const legend = el('div', 'print-legend');
  if (content.legend.items.length) {
    const list = el('ol', 'legend');
    for (const item of content.legend.items) {
      const swatch = el('span', 'swatch');
      swatch.style.backgroundColor = item.colour;
      const row = el('li', '');
      row.append(swatch, el('span', 'range', item.label));
      list.append(row);
    }
    legend.append(el('p', 'print-legend-title', content.legend.title), list);
  }

  const layout = el('section', 'print-layout');
  layout.id = LAYOUT_ID;
  layout.dataset.orientation = orientation;
  layout.append(
    el('h1', 'print-title', content.title),
    el('p', 'print-date', content.date),
    image,
    legend,
    el('p', 'print-attribution', content.attribution),
  );
  document.body.append(layout);
  window.addEventListener('afterprint', () => {
    URL.revokeObjectURL(image.src);
    layout.remove();
  }, { once: true });
  return layout;
}

export async function printMap(map: MapLibreMap, title: string, orientation: Orientation): Promise<void> {
  await preparePrintLayout(map, title, orientation);
  window.print();
}
