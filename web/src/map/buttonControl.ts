/*
 * A map control of one button (MapLibre's control group look) that opens something by keyboard or
 * touch: its accessible name and tooltip follow the language.
 */
import type { IControl } from 'maplibre-gl';
import { onLanguageChange, t, type StringKey } from '../i18n';

export class ButtonControl implements IControl {
  readonly button = document.createElement('button');
  private readonly container = document.createElement('div');
  constructor(options: { controlClass: string; buttonClass: string; text: string; label: StringKey; onClick: () => void }) {
    this.container.className = `maplibregl-ctrl maplibregl-ctrl-group ${options.controlClass}`;
    this.button.type = 'button';
    this.button.className = options.buttonClass;
    this.button.textContent = options.text;
    this.button.dataset.i18nLabel = options.label;
    this.button.setAttribute('aria-label', t(options.label));
    this.button.title = t(options.label);
    this.button.addEventListener('click', options.onClick);
    onLanguageChange(() => (this.button.title = t(options.label)));
    this.container.append(this.button);
  }
  onAdd(): HTMLElement {
    return this.container;
  }
  onRemove(): void {
    this.container.remove();
  }
}
