import { h } from './dom';
import { pt } from './strings';

/** A button that copies `text`; says "copied" in a live region, so a screen reader hears it too. */
export function copyButton(text: string, name: string): HTMLElement {
  const said = h('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'copy-button', 'aria-label': pt('copyLabel', { name }) }, pt('copy'));
  button.addEventListener('click', () => {
    const done = () => {
      said.textContent = pt('copied');
    };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => {});
  });
  return h('span', { class: 'copy' }, button, said);
}
