import { language } from '../i18n';
import type { CkanPackage } from './api';
import { h } from './dom';
import { formatDate } from './format';
import { datasetDescription, datasetPath, datasetTitle } from './labels';
import { pt } from './strings';

/** The formats a dataset can be downloaded in, as short badges. */
function formats(pkg: CkanPackage): string[] {
  return [...new Set(pkg.resources.filter((r) => r.resource_type !== 'api').map((r) => r.format))];
}

/** A list of datasets as result cards; `headingLevel` keeps the page's heading outline intact. */
export function datasetList(packages: CkanPackage[], headingLevel: 'h2' | 'h3', options: { description?: boolean } = {}): HTMLElement {
  return h(
    'ol',
    { class: 'dataset-list' },
    ...packages.map((pkg) => {
      const description = datasetDescription(pkg);
      return h(
        'li',
        { class: 'dataset-card', 'data-dataset': pkg.name },
        h(headingLevel, { class: 'dataset-card-title' }, h('a', { href: datasetPath(pkg.name) }, datasetTitle(pkg))),
        options.description && description ? h('p', { class: 'dataset-card-description' }, description.length > 240 ? `${description.slice(0, 237)}…` : description) : null,
        h(
          'p',
          { class: 'dataset-card-meta' },
          pkg.organization?.title ?? '',
          ' · ',
          `${pt('updated')}: `,
          h('time', { datetime: pkg.metadata_modified }, formatDate(pkg.metadata_modified, language())),
        ),
        h('ul', { class: 'format-badges', 'aria-label': pt('facet_res_format') }, ...formats(pkg).map((f) => h('li', { class: 'format-badge' }, f))),
      );
    }),
  );
}
