import '../style.css';
import './portal.css';
import { language, LANGUAGES, onLanguageChange, setLanguage, type Language } from '../i18n';
import { DatasetGone, DatasetNotFound, renderDataset } from './dataset';
import { h } from './dom';
import { renderHome } from './home';
import { routeOf, setPortalState, type PortalPage, type PortalState } from './page';
import { renderSearch } from './search';
import { pt } from './strings';

const main = document.getElementById('main')!;
const route = routeOf(location.pathname);
let firstRender = true;
let undoLast: (() => void) | void;

function message(key: 'loadFailedPage' | 'notFoundPage' | 'gonePage', detail?: string | null): PortalPage {
  return {
    title: pt(key),
    content: [
      h('h1', {}, pt(key)),
      ...(detail ? [h('p', { id: 'gone-reason' }, `${pt('goneReason')}: ${detail}`)] : []),
      h('p', {}, h('a', { href: '/portal/search' }, pt('allDatasets'))),
    ],
  };
}

function load(): Promise<PortalPage> {
  switch (route.page) {
    case 'home': return renderHome();
    case 'search': return renderSearch();
    case 'dataset': return renderDataset(route.id, firstRender);
    default: return Promise.reject(new DatasetNotFound(location.pathname));
  }
}

/** Draws the page (again after a language switch: the answers are cached, so nothing is asked twice). */
async function render(): Promise<void> {
  setPortalState('loading');
  main.setAttribute('aria-busy', 'true');
  let page: PortalPage;
  let state: PortalState = 'ready';
  try {
    page = await load();
  } catch (error) {
    if (error instanceof DatasetGone) {
      state = 'gone';
      page = message('gonePage', error.reason);
    } else if (error instanceof DatasetNotFound) {
      state = 'not-found';
      page = message('notFoundPage');
    } else {
      state = 'error';
      console.error(error);
      page = message('loadFailedPage');
    }
  }
  firstRender = false;
  undoLast?.();
  main.replaceChildren(...page.content);
  main.removeAttribute('aria-busy');
  document.title = `${page.title} — ${pt('portalTitle')}`;
  undoLast = page.after?.();
  setPortalState(state);
}

setLanguage(language());
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang as Language;
    if (LANGUAGES.includes(lang) && lang !== language()) setLanguage(lang);
  });
});
onLanguageChange(() => void render());
void render();
