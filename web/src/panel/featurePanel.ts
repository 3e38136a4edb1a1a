/*
 * The feature panel: a clicked feature's attributes or a mahalle's profile, beside the map on a wide
 * screen and a sheet over the lower part of the map on a phone. Focus moves to its heading when it
 * opens and back to where it came from when it closes (close button or Escape); the content is
 * redrawn on a language change.
 *
 * Test hooks: the panel carries data-feature-state="loading|ready|error", data-feature-kind and
 * data-feature-id.
 */
import { onLanguageChange, t } from '../i18n';
import './featurePanel.css';

export interface PanelContent {
  kind: 'neighbourhood' | 'facility';
  id: string;
  /** The feature's name (a proper noun: the same in every language). */
  title: string;
  /** Fetches what the panel shows and returns its renderer; `redraw` has the panel call it again. */
  load(redraw: () => void): Promise<() => Node>;
}

export class FeaturePanel {
  readonly element = document.createElement('section');
  private readonly heading = document.createElement('h2');
  private readonly body = document.createElement('div');
  private render: (() => Node) | null = null;
  private returnFocus: HTMLElement | null = null;
  /** Each opening takes a ticket; an answer for an older one is dropped. */
  private ticket = 0;

  constructor(private readonly main: HTMLElement, private readonly onResize: () => void) {
    const el = this.element;
    el.id = 'feature-panel';
    el.className = 'feature-panel';
    el.hidden = true;
    el.setAttribute('aria-labelledby', 'feature-panel-title');
    this.heading.id = 'feature-panel-title';
    this.heading.tabIndex = -1;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'feature-close';
    close.textContent = '×';
    close.dataset.i18nLabel = 'featureClose';
    close.setAttribute('aria-label', t('featureClose'));
    close.addEventListener('click', () => this.close());
    const head = document.createElement('div');
    head.className = 'feature-head';
    head.append(this.heading, close);
    this.body.className = 'feature-body';
    el.append(head, this.body);
    el.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.close();
    });
    main.append(el);
    onLanguageChange(() => this.draw());
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  async open(content: PanelContent): Promise<void> {
    const mine = ++this.ticket;
    const el = this.element;
    if (!this.isOpen) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : null;
      el.hidden = false;
      this.main.classList.add('feature-open');
      this.onResize();
    }
    el.dataset.featureState = 'loading';
    el.dataset.featureKind = content.kind;
    el.dataset.featureId = content.id;
    this.heading.textContent = content.title;
    // A control of the panel that opened another feature (the mahalle switch) keeps the focus.
    const active = document.activeElement;
    const keep = active instanceof HTMLElement && el.contains(active) ? active.dataset.focus : undefined;
    if (!keep) this.heading.focus();
    this.render = null;
    this.body.replaceChildren(this.message(content.kind === 'neighbourhood' ? 'featureLoadingProfile' : 'featureLoading'));
    try {
      const render = await content.load(() => {
        if (mine === this.ticket) this.draw();
      });
      if (mine !== this.ticket) return;
      this.render = render;
      this.draw(keep);
      el.dataset.featureState = 'ready';
    } catch (error) {
      if (mine !== this.ticket) return;
      this.body.replaceChildren(this.message('featureFailed'));
      el.dataset.featureState = 'error';
      console.error(error);
    }
  }

  close(): void {
    if (!this.isOpen) return;
    this.ticket++;
    this.render = null;
    const el = this.element;
    el.hidden = true;
    delete el.dataset.featureState;
    delete el.dataset.featureKind;
    delete el.dataset.featureId;
    this.main.classList.remove('feature-open');
    this.onResize();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  /** Draws the content; the control that had the focus (data-focus, or `focus`) gets it back. */
  private draw(focus = (document.activeElement as HTMLElement | null)?.dataset?.focus): void {
    if (!this.render) return;
    this.body.replaceChildren(this.render());
    if (focus) this.body.querySelector<HTMLElement>(`[data-focus="${focus}"]`)?.focus();
  }

  private message(key: 'featureLoading' | 'featureLoadingProfile' | 'featureFailed'): HTMLElement {
    const p = document.createElement('p');
    p.className = 'hint';
    p.setAttribute('role', 'status');
    p.dataset.i18n = key;
    p.textContent = t(key);
    return p;
  }
}
