import { parseBasemap, type Basemap } from './map/basemap';

/** What the deployment tells the web app. Everything is optional: the defaults need no network. */
export interface ClientConfig {
  basemaps: Basemap[];
}

/**
 * Reads the client configuration from `<meta name="kbs-basemap" content="Name|URL">` tags (one per
 * basemap, same format as the BASEMAPS setting) that the server writes into the map's page
 * (api/src/web/staticSite.ts), so the switcher needs no request of its own; the rest of the app only
 * sees ClientConfig.
 */
export async function loadClientConfig(doc: Document = document): Promise<ClientConfig> {
  const basemaps = [...doc.querySelectorAll<HTMLMetaElement>('meta[name="kbs-basemap"]')]
    .map((meta) => parseBasemap(meta.content))
    .filter((b): b is Basemap => b !== null);
  return { basemaps };
}
