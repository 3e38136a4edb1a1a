/*
 * The entry of the lazily loaded profile chunk: fetches a mahalle's profile and its request figures
 * (the API's own for staff; the published aggregate for the public, whom the API gives none) and
 * returns a renderer the feature panel calls again on a language change. A second mahalle chosen for
 * the comparison comes from the compare operation and redraws the profile.
 */
import './strings';
import './profile.css';
import { fetchComparison, fetchProfile, fetchPublishedMonthlyRequests, type NeighbourhoodProfile } from './profileApi';
import { profileView, type RequestFigures } from './profileView';

export async function loadNeighbourhoodProfile(
  code: string,
  neighbourhoods: { code: string; name: string }[],
  onSwitch: (code: string) => void,
  redraw: () => void,
): Promise<() => Node> {
  const profile = await fetchProfile(code);
  const requests: RequestFigures | null = profile.requests
    ? { monthly: profile.requests.monthly, byCategory: profile.requests.by_category, published: false }
    : await fetchPublishedMonthlyRequests(code).then(
        (monthly) => ({ monthly, byCategory: null, published: true }),
        // The aggregate may be unpublished: the profile stands without it.
        () => null,
      );
  let other: NeighbourhoodProfile | null = null;
  let asked = 0;
  const onCompare = (otherCode: string) => {
    const mine = ++asked;
    const chosen = otherCode ? fetchComparison(code, otherCode).then(([, second]) => second) : Promise.resolve(null);
    chosen.then((second) => {
      if (mine !== asked) return;
      other = second;
      redraw();
    }).catch((error: unknown) => console.error(error));
  };
  return () => profileView({ profile, requests, neighbourhoods, other, onSwitch, onCompare });
}
