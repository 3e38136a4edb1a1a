import type { ActionHandler } from './actionContext';

/** The CKAN version whose Action API behaviour this one follows (clients check it for features). */
export const CKAN_API_VERSION = '2.10.4';

/** status_show: what municipal CKAN clients read before anything else. */
export const statusShow: ActionHandler = async (context) => ({
  site_title: 'Bağcılar Açık Veri Portalı',
  site_description: 'Bağcılar Belediyesi açık verileri / Open data of Bağcılar municipality',
  site_url: context.baseUrl,
  ckan_version: CKAN_API_VERSION,
  error_emails_to: null,
  locale_default: 'tr',
  extensions: ['datastore'],
});

/** site_read: whether the caller may read the site; everyone may. */
export const siteRead: ActionHandler = async () => true;
