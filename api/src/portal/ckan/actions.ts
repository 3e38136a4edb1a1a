import type { ActionHandler } from './actionContext';
import { datastoreSearch } from './datastoreSearch';
import { groupList, groupShow, organizationList, organizationShow, tagList } from './groupActions';
import { packageList, packageShow, resourceShow } from './packageActions';
import { packageSearch } from './packageSearch';
import { siteRead, statusShow } from './siteActions';

/** The CKAN actions this API answers; all read-only, so GET and POST both reach them (as in CKAN). */
export const CKAN_ACTIONS: Record<string, ActionHandler> = {
  package_list: packageList,
  package_search: packageSearch,
  package_show: packageShow,
  resource_show: resourceShow,
  organization_list: organizationList,
  organization_show: organizationShow,
  group_list: groupList,
  group_show: groupShow,
  tag_list: tagList,
  datastore_search: datastoreSearch,
  status_show: statusShow,
  site_read: siteRead,
};
