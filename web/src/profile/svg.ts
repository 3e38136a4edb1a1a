/* A small SVG element builder for the profile's charts. */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 100) / 100) : value);
  el.append(...children);
  return el;
}

/** A `<title>`: the browser's tooltip and the element's accessible name. */
export function title(text: string): SVGTitleElement {
  return s('title', {}, text);
}
