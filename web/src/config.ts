import { parseBasemap, type Basemap } from './map/basemap';

/** What the deployment tells the web app. Everything is optional: the defaults need no network. */
export interface ClientConfig {
  basemaps: Basemap[];
}

/**
 * Reads the client configuration. Today it comes from `<meta name="kbs-basemap" content="Name|URL">`
 * tags (one per basemap, same format as the BASEMAPS setting) that the server may write into
 * index.html. When the API offers `GET /api/config` ({ basemaps: [{ name, url }] }), fetch it here
 * and merge it; the rest of the app only sees ClientConfig.
 */
export async function loadClientConfig(doc: Document = document): Promise<ClientConfig> {
  const basemaps = [...doc.querySelectorAll<HTMLMetaElement>('meta[name="kbs-basemap"]')]
    .map((meta) => parseBasemap(meta.content))
    .filter((b): b is Basemap => b !== null);
  return { basemaps };
}
